// Each POSIX-shaped MFS operation: create/open flags, read/write at offsets, holes, truncate, append, rename,
// unlink with open handles, mkdir/rmdir, symlinks, chmod/utimens, stat, list, hard links, cp.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class OperationTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Writing_past_the_end_leaves_a_hole_that_reads_as_zeros()
    {
        await using var tree = await Trees.NewAsync(layout: MfsLayout.KuboV0 with { ChunkSize = 64, MaxLinks = 3 });
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.ReadWrite | MfsOpenFlags.Create))
            await h.WriteAsync(1000, B("xyz"));
        var all = await tree.ReadAllAsync("/f");
        Assert.Equal(1003, all.Length);
        Assert.All(all[..1000], b => Assert.Equal(0, b));
        Assert.Equal(B("xyz"), all[1000..]);
        Assert.Equal(1003, (await tree.StatAsync("/f")).Size);
    }

    [Fact]
    public async Task Truncate_down_then_up_zero_fills_the_cut_tail()
    {
        await using var tree = await Trees.NewAsync(layout: MfsLayout.KuboV0 with { ChunkSize = 16, MaxLinks = 2 });
        var data = InputGenerator.Generate(200, 3);
        await tree.WriteAllAsync("/f", data);
        await tree.CommitAsync();
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write))
        {
            await h.TruncateAsync(37);
            await h.TruncateAsync(100);
        }
        var all = await tree.ReadAllAsync("/f");
        Assert.Equal(data[..37], all[..37]);
        Assert.All(all[37..], b => Assert.Equal(0, b));
        Assert.Equal(100, all.Length);
    }

    [Fact]
    public async Task Open_flags_create_exclusive_truncate_and_append_behave_like_posix()
    {
        await using var tree = await Trees.NewAsync();
        var missing = await Assert.ThrowsAsync<MfsException>(() => tree.OpenAsync("/nope", MfsOpenFlags.Read));
        Assert.Equal(MfsErrorKind.NotFound, missing.Kind);
        await tree.WriteAllAsync("/f", B("hello"));
        var excl = await Assert.ThrowsAsync<MfsException>(() => tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Create | MfsOpenFlags.Exclusive));
        Assert.Equal(MfsErrorKind.AlreadyExists, excl.Kind);
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Append))
            Assert.Equal(5, await h.WriteAsync(0, B(" world")));
        Assert.Equal("hello world", Encoding.UTF8.GetString(await tree.ReadAllAsync("/f")));
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Truncate))
            Assert.Equal(0, await h.GetLengthAsync());
        Assert.Empty(await tree.ReadAllAsync("/f"));
        await using var ro = await tree.OpenAsync("/f", MfsOpenFlags.Read);
        Assert.Equal(MfsErrorKind.BadHandle, (await Assert.ThrowsAsync<MfsException>(() => ro.WriteAsync(0, B("x")).AsTask())).Kind);
        Assert.Equal(MfsErrorKind.IsADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.OpenAsync("/", MfsOpenFlags.Read))).Kind);
    }

    [Fact]
    public async Task An_unlinked_file_stays_readable_through_its_open_handle()
    {
        await using var tree = await Trees.NewAsync();
        await tree.WriteAllAsync("/f", B("still here"));
        await tree.CommitAsync();
        var h = await tree.OpenAsync("/f", MfsOpenFlags.ReadWrite);
        await tree.UnlinkAsync("/f");
        Assert.Empty(await tree.ListAsync("/"));
        var buf = new byte[10];
        Assert.Equal(10, await h.ReadAsync(0, buf));
        Assert.Equal("still here", Encoding.UTF8.GetString(buf));
        await h.WriteAsync(0, B("S"));
        await h.DisposeAsync();
        Assert.Empty(await tree.ListAsync("/"));
        Assert.Equal(MfsErrorKind.BadHandle, (await Assert.ThrowsAsync<MfsException>(() => h.ReadAsync(0, buf).AsTask())).Kind);
    }

    [Fact]
    public async Task Rename_replaces_files_moves_directories_and_refuses_bad_targets()
    {
        await using var tree = await Trees.NewAsync();
        await tree.WriteAllAsync("/a", B("A"));
        await tree.WriteAllAsync("/b", B("B"));
        await tree.RenameAsync("/a", "/b");
        Assert.Equal("A", Encoding.UTF8.GetString(await tree.ReadAllAsync("/b")));
        Assert.Equal(["b"], (await tree.ListAsync("/")).Select(e => e.Name));

        await tree.MkdirAsync("/d/sub", parents: true);
        await tree.WriteAllAsync("/d/sub/x", B("x"));
        await tree.MkdirAsync("/empty");
        await tree.RenameAsync("/d", "/empty");
        Assert.Equal("x", Encoding.UTF8.GetString(await tree.ReadAllAsync("/empty/sub/x")));
        Assert.Equal(MfsErrorKind.InvalidArgument, (await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync("/empty", "/empty/sub/in"))).Kind);
        await tree.MkdirAsync("/full");
        await tree.WriteAllAsync("/full/y", B("y"));
        Assert.Equal(MfsErrorKind.NotEmpty, (await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync("/empty", "/full"))).Kind);
        Assert.Equal(MfsErrorKind.IsADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync("/b", "/full"))).Kind);
        Assert.Equal(MfsErrorKind.NotADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync("/full", "/b"))).Kind);
    }

    [Fact]
    public async Task Rename_of_an_open_file_keeps_writes_going_to_the_new_name()
    {
        await using var tree = await Trees.NewAsync();
        await using var h = await tree.OpenAsync("/old", MfsOpenFlags.Write | MfsOpenFlags.Create);
        await h.WriteAsync(0, B("one"));
        await tree.RenameAsync("/old", "/new");
        await h.WriteAsync(3, B("two"));
        await tree.CommitAsync();
        Assert.Equal("onetwo", Encoding.UTF8.GetString(await tree.ReadAllAsync("/new")));
    }

    [Fact]
    public async Task Mkdir_and_rmdir_report_exists_not_empty_and_not_found()
    {
        await using var tree = await Trees.NewAsync();
        Assert.Equal(MfsErrorKind.NotFound, (await Assert.ThrowsAsync<MfsException>(() => tree.MkdirAsync("/a/b"))).Kind);
        await tree.MkdirAsync("/a/b", parents: true);
        await tree.MkdirAsync("/a/b", parents: true);
        Assert.Equal(MfsErrorKind.AlreadyExists, (await Assert.ThrowsAsync<MfsException>(() => tree.MkdirAsync("/a/b"))).Kind);
        var ex = await Assert.ThrowsAsync<MfsException>(() => tree.RmdirAsync("/a"));
        Assert.Equal(MfsErrorKind.NotEmpty, ex.Kind);
        Assert.Contains("/a", ex.Message);
        await tree.RmdirAsync("/a/b");
        await tree.RmdirAsync("/a");
        Assert.Empty(await tree.ListAsync("/"));
        await tree.WriteAllAsync("/f", B("f"));
        Assert.Equal(MfsErrorKind.NotADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.RmdirAsync("/f"))).Kind);
        await tree.MkdirAsync("/g");
        Assert.Equal(MfsErrorKind.IsADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.UnlinkAsync("/g"))).Kind);
        Assert.Equal(MfsErrorKind.InvalidArgument, (await Assert.ThrowsAsync<MfsException>(() => tree.RmdirAsync("/"))).Kind);
    }

    [Fact]
    public async Task Symlinks_store_their_target_and_hard_links_are_refused()
    {
        await using var tree = await Trees.NewAsync();
        await tree.SymlinkAsync("../target/file", "/link");
        Assert.Equal("../target/file", await tree.ReadlinkAsync("/link"));
        var st = await tree.StatAsync("/link");
        Assert.Equal(MfsEntryKind.Symlink, st.Kind);
        Assert.Equal(14, st.Size);
        var ex = await Assert.ThrowsAsync<MfsException>(() => tree.LinkAsync("/link", "/hard"));
        Assert.Equal(MfsErrorKind.NotSupported, ex.Kind);
        Assert.Contains("hard links", ex.Message);
        await tree.CommitAsync();
        await using var reopened = await Trees.NewAsync(tree.Blocks, log: await LogWith(tree));
        Assert.Equal("../target/file", await reopened.ReadlinkAsync("/link"));
    }

    [Fact]
    public async Task Chmod_and_utimens_set_unixfs_metadata_that_survives_a_commit()
    {
        await using var tree = await Trees.NewAsync();
        await tree.WriteAllAsync("/f", B("data"));
        await tree.MkdirAsync("/d");
        await tree.ChmodAsync("/f", Convert.ToUInt32("100755", 8));
        await tree.UtimensAsync("/f", new MfsTime(1700000000, 5));
        await tree.ChmodAsync("/d", Convert.ToUInt32("700", 8));
        var before = await tree.StatAsync("/");
        await tree.CommitAsync();
        await using var reopened = await Trees.NewAsync(tree.Blocks, log: await LogWith(tree));
        var f = await reopened.StatAsync("/f");
        Assert.Equal(Convert.ToUInt32("755", 8), f.Mode);
        Assert.Equal(new MfsTime(1700000000, 5), f.Mtime);
        Assert.Equal(Convert.ToUInt32("700", 8), (await reopened.StatAsync("/d")).Mode);
        Assert.Equal("data", Encoding.UTF8.GetString(await reopened.ReadAllAsync("/f")));
        Assert.Equal(before.Cid, (await reopened.StatAsync("/")).Cid);
    }

    [Fact]
    public async Task Copy_from_a_cid_links_the_dag_without_writing_blocks()
    {
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var source = await Trees.NewAsync(store);
        await source.MkdirAsync("/dir");
        await source.WriteAllAsync("/dir/big", InputGenerator.Generate(600000, 2));
        var dirCid = (await source.StatAsync("/dir")).Cid;

        await using var tree = await Trees.NewAsync(store);
        store.Reset();
        await tree.CopyFromCidAsync(dirCid, "", "/copy");
        await tree.CopyFromCidAsync(dirCid, "/big", "/big-alone");
        var root = await tree.StatAsync("/");
        Assert.Equal(1, store.Puts); // just the new root directory
        Assert.Equal(dirCid, (await tree.StatAsync("/copy")).Cid);
        Assert.Equal(InputGenerator.Generate(600000, 2), await tree.ReadAllAsync("/big-alone"));
        Assert.Equal(MfsErrorKind.NotFound, (await Assert.ThrowsAsync<MfsException>(() => tree.CopyFromCidAsync(dirCid, "/nope", "/x"))).Kind);
        Assert.Equal(MfsErrorKind.AlreadyExists, (await Assert.ThrowsAsync<MfsException>(() => tree.CopyAsync("/copy", "/big-alone"))).Kind);
        Assert.NotEqual(default, root.Cid);
    }

    [Fact]
    public async Task Copy_inside_mfs_is_copy_on_write()
    {
        await using var tree = await Trees.NewAsync();
        await tree.WriteAllAsync("/a", B("original"));
        await tree.CopyAsync("/a", "/b");
        await tree.WriteAllAsync("/b", B("changed"));
        Assert.Equal("original", Encoding.UTF8.GetString(await tree.ReadAllAsync("/a")));
        Assert.Equal("changed", Encoding.UTF8.GetString(await tree.ReadAllAsync("/b")));
    }

    [Fact]
    public async Task Bad_paths_are_rejected_with_invalid_argument()
    {
        await using var tree = await Trees.NewAsync();
        foreach (var p in new[] { "relative", "/a/../b", "/./x", "" })
            Assert.Equal(MfsErrorKind.InvalidArgument, (await Assert.ThrowsAsync<MfsException>(() => tree.MkdirAsync(p))).Kind);
    }

    [Fact]
    public async Task Concurrent_writers_to_different_files_all_land()
    {
        await using var tree = await Trees.NewAsync(layout: MfsLayout.KuboV0 with { ChunkSize = 256, MaxLinks = 4 });
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var h = await tree.OpenAsync($"/f{i}", MfsOpenFlags.Write | MfsOpenFlags.Create);
            var data = InputGenerator.Generate(5000, (uint)(i + 1));
            for (int off = 0; off < data.Length; off += 100)
            {
                await h.WriteAsync(off, data.AsMemory(off, 100));
                if (off % 1000 == 0) await tree.CommitAsync();
            }
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2));
        await tree.CommitAsync();
        for (int i = 0; i < 8; i++) Assert.Equal(InputGenerator.Generate(5000, (uint)(i + 1)), await tree.ReadAllAsync($"/f{i}"));
    }

    [Fact]
    public async Task Chcid_changes_the_cid_version_of_a_directory_and_new_subdirectories_inherit_it()
    {
        await using var tree = await Trees.NewAsync();
        await tree.MkdirAsync("/d");
        await tree.WriteAllAsync("/d/f", B("hello\n"));
        await tree.ChangeCidAsync("/d", 1, null);
        await tree.MkdirAsync("/d/sub");
        var d = await tree.StatAsync("/d");
        Assert.Equal(1, d.Cid.Version);
        Assert.Equal(1, (await tree.StatAsync("/d/sub")).Cid.Version);
        Assert.Equal("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN", (await tree.StatAsync("/d/f")).Cid.ToString());
        Assert.Equal(0, (await tree.StatAsync("/")).Cid.Version);
        await tree.CommitAsync();
        await using var reopened = await Trees.NewAsync(tree.Blocks, log: await LogWith(tree));
        await reopened.MkdirAsync("/d/sub2");
        Assert.Equal(1, (await reopened.StatAsync("/d/sub2")).Cid.Version);
        Assert.Equal(MfsErrorKind.InvalidArgument, (await Assert.ThrowsAsync<MfsException>(() => tree.ChangeCidAsync("/d", 0, Multicodec.Blake3))).Kind);
        Assert.Equal(MfsErrorKind.NotADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.ChangeCidAsync("/d/f", 1, null))).Kind);
    }

    internal static async Task<IMfsVersionLog> LogWith(MfsTree tree)
    {
        var log = new MemoryMfsVersionLog();
        await log.AppendAsync(tree.Head!.Root, DateTimeOffset.UnixEpoch, null);
        return log;
    }
}
