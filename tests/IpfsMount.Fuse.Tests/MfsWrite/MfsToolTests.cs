// Ordinary tools writing inside `<mnt>/mfs` of a real `ipfsmount mount`: each step script runs once in a directory
// of the mount and once on a local disk; exit codes, outputs, trees and bytes (and mtimes where the tool sets them)
// must be the same. Issue 6, "editors and tools work inside /mfs".
namespace IpfsMount.Fuse.Tests.MfsWrite;

public sealed class MfsToolTests(MfsToolFixture fixture) : IClassFixture<MfsToolFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Vim_in_ex_mode_edits_with_a_swap_file_and_writes_by_rename_or_in_place_like_on_a_local_disk()
    {
        const string script = """
            printf 'alpha one\nbeta two\nalpha three\n' > notes.txt
            for i in $(seq 1 400); do echo "line $i alpha"; done > long.txt
            # backupcopy=no: the original is renamed away and a new file written (write-to-temp + rename)
            "$VIM" -es -u NONE -i NONE -N --cmd 'set swapfile directory=. backupcopy=no writebackup nobackup' \
              -c '!ls -A > during-edit.txt' -c '%s/alpha/omega/g' -c 'wq' notes.txt
            # backupcopy=yes with a kept backup: a copy is made and the file overwritten in place
            "$VIM" -es -u NONE -i NONE -N --cmd 'set swapfile directory=. backupcopy=yes backup backupext=.orig backupskip=' \
              -c 'g/5/d' -c '$' -c 'r notes.txt' -c '1s/^/first: /' -c 'x' long.txt
            # a new file written from a buffer, then the buffer abandoned
            "$VIM" -es -u NONE -i NONE -N --cmd 'set swapfile directory=.' -c '2,$d' -c 'w fresh.txt' -c 'q!' notes.txt
            ls -A
            cat notes.txt fresh.txt
            wc -l long.txt long.txt.orig
            grep -c '^\.notes\.txt\.sw.$' during-edit.txt
            """;
        await RunAndCompareAsync("vim", script);
    }

    [Fact]
    public async Task Sed_in_place_edits_replace_files_through_a_temporary_file_like_on_a_local_disk()
    {
        const string script = """
            seq 1 20000 > nums.txt
            sed -i 's/1/one/g' nums.txt
            sed -i.bak '/5/d' nums.txt
            sed -i '1i header' nums.txt
            mkdir sub && cp nums.txt sub/ && sed -i -e '$a footer' -e 's/^2/two/' sub/nums.txt
            chmod 600 sub/nums.txt && sed -i 's/9/nine/' sub/nums.txt
            find . -type f -printf '%m %s %p\n' | sort
            wc -l nums.txt nums.txt.bak sub/nums.txt
            sha256sum nums.txt nums.txt.bak sub/nums.txt
            """;
        await RunAndCompareAsync("sed", script);
    }

    [Fact]
    public async Task Git_init_add_commit_branch_merge_and_gc_give_the_same_repository_as_on_a_local_disk_and_fsck_passes()
    {
        const string script = """
            git init -q -b main repo
            cd repo
            git config pack.threads 1
            cp -a "$SRC"/. .
            git add -A && git commit -q -m "import the source tree"
            echo "appended" >> "docs/note 0.txt"
            git rm -q "docs/note 2.txt"
            git mv docs/deep moved-deep
            git commit -q -am "edit, remove and move"
            git checkout -q -b topic
            for i in $(seq 1 30); do echo "topic $i" > "topic-$i.txt"; done
            git add . && git commit -q -m "topic files"
            git checkout -q main
            git merge -q --no-edit topic
            git tag -a v1 -m "tag v1"
            git log --format='%H %an <%ae> %ad %s' --date=iso-strict
            git fsck --full --strict --no-progress
            git status --porcelain
            git gc -q
            git fsck --full --strict --no-progress
            git count-objects -v | grep -v size
            git ls-files -s | sha256sum
            git show --stat HEAD~1 | tail -n 3
            """;
        // The index records inode numbers, devices and ctimes: different on any two disks, so it is compared through
        // `git ls-files -s` and `git status` in the script instead of byte for byte.
        await RunAndCompareAsync("git", script, skip: p => p == "repo/.git/index");
    }

    [Fact]
    public async Task Rsync_a_copies_a_tree_in_updates_it_and_copies_it_out_with_the_same_bytes_modes_links_and_mtimes()
    {
        const string script = """
            rsync -a "$SRC"/ in/
            cp -a "$SRC" "$OUT/mod"
            echo "changed" >> "$OUT/mod/docs/note 4.txt"
            head -c 300000 /dev/zero >> "$OUT/mod/file-09-262145.bin"
            rm "$OUT/mod/docs/note 6.txt"
            chmod 640 "$OUT/mod/file-00-0.bin"
            touch -d @1700000000 "$OUT/mod/docs/note 4.txt" "$OUT/mod/file-09-262145.bin" "$OUT/mod/docs" "$OUT/mod"
            rsync -a --delete "$OUT/mod"/ in/
            rsync -a in/ "$OUT/back"/
            rsync -a -c -n --itemize-changes in/ "$OUT/mod"/
            diff -r --no-dereference "$OUT/mod" in
            find in | sort | wc -l
            """;
        await RunAndCompareAsync("rsync", script, mtimes: true);
    }

    [Fact]
    public async Task Cp_a_copies_into_within_and_out_of_the_mount_preserving_bytes_modes_links_and_mtimes()
    {
        const string script = """
            cp -a "$SRC" in
            cp -a in in2
            cp -a in "$OUT/back"
            cp -r in plain
            diff -r --no-dereference "$SRC" in
            diff -r --no-dereference in in2
            find . -type l | sort
            """;
        await RunAndCompareAsync("cpa", script, mtimes: true, skipMtime: p => p == "plain" || p.StartsWith("plain/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tar_x_of_a_source_tree_gives_the_same_files_and_tar_compare_finds_no_difference()
    {
        const string script = """
            tar -xf "$TARBALL"
            tar -df "$TARBALL"
            mkdir again && tar -xf "$TARBALL" -C again --no-same-owner
            tar -cf - src | tar -tvf - --full-time | awk '{print $1, $3, $4, $5, $NF}' | sort | sha256sum
            find . -type f | wc -l
            """;
        // `again` itself was made by mkdir just now; everything tar extracted has the archive's mtimes.
        await RunAndCompareAsync("tar", script, mtimes: true, skipMtime: p => p == "again");
    }

    [Fact]
    public async Task Sqlite3_with_a_rollback_journal_inserts_1000_rows_in_transactions_and_passes_integrity_check()
    {
        await RunAndCompareAsync("sqlite", SqliteScript("DELETE"));
    }

    [Fact]
    public async Task Sqlite3_in_wal_mode_with_its_shared_memory_file_inserts_1000_rows_and_passes_integrity_check()
    {
        await RunAndCompareAsync("sqlitewal", SqliteScript("WAL"));
    }

    private static string SqliteScript(string journalMode) => $$"""
        {
          echo 'PRAGMA journal_mode={{journalMode}};'
          echo 'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, value REAL, payload BLOB);'
          echo 'CREATE INDEX t_name ON t(name);'
          for tx in $(seq 0 9); do
            echo 'BEGIN;'
            for i in $(seq 1 100); do
              n=$((tx * 100 + i))
              echo "INSERT INTO t(name, value, payload) VALUES ('row $n', $n.25, zeroblob($(( (n * 37) % 5000 ))));"
            done
            echo 'COMMIT;'
          done
        } | sqlite3 db.sqlite > /dev/null
        sqlite3 db.sqlite 'SELECT count(*), sum(value), sum(length(payload)) FROM t; PRAGMA integrity_check;'
        sqlite3 db.sqlite "UPDATE t SET name = name || '!' WHERE id % 7 = 0; DELETE FROM t WHERE id % 3 = 0;"
        sqlite3 db.sqlite 'VACUUM; PRAGMA integrity_check; SELECT count(*), min(id), max(id) FROM t; SELECT name FROM t WHERE id = 700;'
        sqlite3 db.sqlite 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
        sqlite3 db.sqlite '.dump' | sha256sum
        ls
        """;

    private async Task RunAndCompareAsync(string name, string script, Func<string, bool>? skip = null, bool mtimes = false, Func<string, bool>? skipMtime = null)
    {
        var tag = name + "-" + Guid.NewGuid().ToString("N")[..8];
        var local = Side(fixture.Work, "local-" + tag);
        var mfs = Side(fixture.Work, "mfs-" + tag) with { Dir = Path.Combine(fixture.Mount.Mfs, tag) };
        Directory.CreateDirectory(mfs.Dir);
        try
        {
            var l = await ToolScript.RunAsync(script, local.Dir, local.Variables(fixture), Timeout);
            Assert.True(l.ExitCode == 0, $"the {name} script fails on a local disk (exit {l.ExitCode}): {l.Stderr}\n{l.Stdout}");
            var m = await ToolScript.RunAsync(script, mfs.Dir, mfs.Variables(fixture), Timeout);
            Assert.True(m.ExitCode == 0, $"the {name} script fails in {mfs.Dir} (exit {m.ExitCode}, works locally): {m.Stderr}\nstdout:\n{m.Stdout}");
            Assert.Equal(l.Stdout, m.Stdout);
            Compare(TreeSnapshot.Capture(local.Dir, skip, mtimes), TreeSnapshot.Capture(mfs.Dir, skip, mtimes), skipMtime, $"{name}: the tree in mfs");
            Compare(TreeSnapshot.Capture(local.Out, null, mtimes), TreeSnapshot.Capture(mfs.Out, null, mtimes), skipMtime, $"{name}: what was copied out of mfs");
        }
        finally
        {
            MfsMountProcess.TryDelete(local.Root);
            MfsMountProcess.TryDelete(mfs.Root);
            MfsMountProcess.TryDelete(mfs.Dir);
        }
    }

    private static void Compare(TreeSnapshot expected, TreeSnapshot actual, Func<string, bool>? skipMtime, string context)
    {
        if (skipMtime is not null)
        {
            foreach (var snapshot in new[] { expected, actual })
                foreach (var key in snapshot.Entries.Keys.Where(skipMtime).ToList())
                    snapshot.Entries[key] = snapshot.Entries[key] with { MtimeSeconds = null };
        }
        TreeSnapshot.AssertEqual(expected, actual, context);
    }

    private static SideDirs Side(string work, string name)
    {
        var root = Path.Combine(work, name);
        var side = new SideDirs(root, Path.Combine(root, "dir"), Path.Combine(root, "out"), Path.Combine(root, "home"));
        Directory.CreateDirectory(side.Dir);
        Directory.CreateDirectory(side.Out);
        Directory.CreateDirectory(side.Home);
        return side;
    }

    private sealed record SideDirs(string Root, string Dir, string Out, string Home)
    {
        public Dictionary<string, string> Variables(MfsToolFixture f) => new()
        {
            ["SRC"] = f.SourceTree,
            ["TARBALL"] = f.Tarball,
            ["OUT"] = Out,
            ["HOME"] = Home,
        };
    }
}
