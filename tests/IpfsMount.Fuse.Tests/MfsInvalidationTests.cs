// MFS changes made beside a mount (path-addressed tree operations, as the daemon API's files verbs and rollback make
// them) show through the mount at once: the kernel's cached names, attributes and pages are invalidated, not aged out.
using IpfsMount.Daemon.Mount;
using IpfsMount.Mfs;
using IpfsMount.Storage;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Dag;
using IpfsMount.Vfs.Writable;

namespace IpfsMount.Fuse.Tests;

public sealed class MfsInvalidationTests
{
    [Fact]
    public async Task Writes_renames_removals_and_rollback_beside_the_mount_show_at_once_despite_hour_long_cache_times()
    {
        var dir = Directory.CreateTempSubdirectory("ipfsmount-inval-");
        using var repo = Repo.Init(Path.Combine(dir.FullName, "repo"));
        var tree = await RepoMfs.OpenTreeAsync(repo, new MfsOptions { AutoCommitInterval = null });
        MountHost? host = null;
        try
        {
            await tree.MkdirAsync("/d");
            await tree.WriteAllAsync("/d/a.txt", "one\n"u8.ToArray());
            var v1 = await tree.CommitAsync("first");
            var options = new MountHostOptions
            {
                MountPoint = Path.Combine(dir.FullName, "mnt"),
                RootLinks = false,
                // without invalidation every step below would show the old state for an hour
                Vfs = new VfsOptions { MutableCacheTimeout = TimeSpan.FromHours(1) },
            };
            host = await MountHost.StartAsync(repo.Blocks, b => new UnixFsSource(b, new VfsOptions()),
                new MfsTreeScope(tree, () => VfsSpace.Of(dir.FullName)), options);
            var d = Path.Combine(options.MountPoint, "mfs", "d");
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(d, "a.txt")));
            Assert.Equal(["a.txt"], Names(d));

            await tree.WriteAllAsync("/d/a.txt", "two, longer\n"u8.ToArray());
            Assert.Equal("two, longer\n", await Shell.CheckAsync($"cat '{d}/a.txt'"));
            Assert.Equal("12", (await Shell.CheckAsync($"stat -c %s '{d}/a.txt'")).Trim());

            await tree.RenameAsync("/d/a.txt", "/d/b.txt");
            Assert.Equal(["b.txt"], Names(d));
            Assert.False(File.Exists(Path.Combine(d, "a.txt")));
            Assert.Equal("two, longer\n", await File.ReadAllTextAsync(Path.Combine(d, "b.txt")));

            await tree.MkdirAsync("/d/sub");
            await tree.WriteAllAsync("/d/sub/c.txt", "c\n"u8.ToArray());
            Assert.Equal("c\n", await File.ReadAllTextAsync(Path.Combine(d, "sub", "c.txt")));
            await tree.RemoveAsync("/d/b.txt", recursive: false);
            Assert.False(File.Exists(Path.Combine(d, "b.txt")));
            Assert.Equal(["sub"], Names(d));

            await tree.CommitAsync("second");
            await tree.RollbackAsync(v1.Number);
            Assert.Equal(["a.txt"], Names(d));
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(d, "a.txt")));
            Assert.False(Directory.Exists(Path.Combine(d, "sub")));
        }
        finally
        {
            if (host is not null) await host.UnmountAsync();
            await tree.DisposeAsync();
            MfsWrite.MfsMountProcess.TryDelete(dir.FullName);
        }
    }

    [Fact]
    public async Task A_file_changed_with_the_cli_while_mounted_reads_back_new_on_the_very_next_cat()
    {
        await using var mount = await MfsWrite.MfsMountProcess.StartAsync();
        var cli = $"'{MfsWrite.MfsMountProcess.Cli}' --repo-dir '{mount.RepoPath}'";
        var file = Path.Combine(mount.Mfs, "note.txt");
        await Shell.CheckAsync($"printf first | {cli} files write -e /note.txt");
        Assert.Equal("first", await Shell.CheckAsync($"ls '{mount.Mfs}' >/dev/null && cat '{file}'"));
        // each step: the CLI changes the tree through the mount's daemon API, then the next cat (no sleep) sees it
        await Shell.CheckAsync($"printf 'second, longer' | {cli} files write -e -t /note.txt");
        Assert.Equal("second, longer", await Shell.CheckAsync($"cat '{file}'"));
        await Shell.CheckAsync($"{cli} files mv /note.txt /moved.txt");
        Assert.Equal("moved.txt", (await Shell.CheckAsync($"ls '{mount.Mfs}'")).Trim());
        Assert.Equal("second, longer", await Shell.CheckAsync($"cat '{mount.Mfs}/moved.txt'"));
        await Shell.CheckAsync($"{cli} rollback 1");
        Assert.Equal("first", await Shell.CheckAsync($"cat '{file}'"));
        await Shell.CheckAsync($"{cli} files rm /note.txt");
        Assert.Equal("", (await Shell.CheckAsync($"ls '{mount.Mfs}'")).Trim());
    }

    private static string[] Names(string directory) =>
        Directory.GetFileSystemEntries(directory).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
}
