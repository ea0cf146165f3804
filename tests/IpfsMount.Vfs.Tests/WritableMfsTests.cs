// The inode-level write API over /mfs nodes: inodes survive renames, MFS errors become VFS errors, read-only
// trees refuse changes, and hard links are refused with NotPermitted.
using System.Text;
using IpfsMount.Core;
using IpfsMount.Mfs;
using IpfsMount.Vfs.Writable;

namespace IpfsMount.Vfs.Tests;

public sealed class WritableMfsTests
{
    private static async Task<(VirtualFileSystem Vfs, MfsTree Tree)> NewAsync()
    {
        var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), new MemoryMfsVersionLog(), new MfsOptions { AutoCommitInterval = null });
        var root = new MfsTreeRootNode(new MfsTreeScope(tree, () => new VfsSpace(100, 50, 40)));
        return (new VirtualFileSystem(root, new VfsOptions()), tree);
    }

    [Fact]
    public async Task Mfs_nodes_get_the_notified_cache_time_when_one_is_set_and_other_mutable_nodes_keep_theirs()
    {
        var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), new MemoryMfsVersionLog(), new MfsOptions { AutoCommitInterval = null });
        await using var _ = tree;
        var root = new MfsTreeRootNode(new MfsTreeScope(tree, () => new VfsSpace(100, 50, 40)));
        var vfs = new VirtualFileSystem(root, new VfsOptions { NotifiedMfsCacheTimeout = TimeSpan.FromSeconds(60) });
        var dir = await vfs.MkdirAsync(1, "d", 0b111_101_101, default);
        Assert.Equal(TimeSpan.FromSeconds(60), dir.EntryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), dir.AttrTimeout);
        var versions = new IpfsMount.Vfs.Dag.MfsVersionsNode(new IpfsMount.Vfs.Dag.UnixFsSource(new MemoryBlockStore(), vfs.Options), new MemoryMfsVersionLog());
        Assert.Equal(TimeSpan.FromSeconds(1), vfs.Options.CacheTimeoutFor(versions)); // mfs@ learns of new versions only by asking
        Assert.Equal(TimeSpan.FromSeconds(1), new VfsOptions().CacheTimeoutFor(root)); // without invalidation: the short time
    }

    [Fact]
    public async Task A_created_file_keeps_its_inode_across_a_rename_of_its_directory_and_reads_back_what_was_written()
    {
        var (vfs, tree) = await NewAsync();
        await using var _ = tree;
        var dir = await vfs.MkdirAsync(1, "d", 0b111_101_101, default);
        var (file, handle) = await vfs.CreateAsync(dir.Inode, "f", 0b110_100_100, VfsOpenFlags.Write, default);
        await vfs.WriteAsync(handle, 0, Encoding.UTF8.GetBytes("hello"), default);
        await vfs.WriteAsync(handle, 10, Encoding.UTF8.GetBytes("!"), default);
        await vfs.ReleaseAsync(handle);

        await vfs.RenameAsync(1, "d", 1, "e", noReplace: false, default);
        var moved = await vfs.LookupAsync((await vfs.LookupAsync(1, "e", default)).Inode, "f", default);
        Assert.Equal(file.Inode, moved.Inode);
        Assert.Equal(11, moved.Attributes.Size);
        Assert.Equal("hello\0\0\0\0\0!", Encoding.UTF8.GetString(await tree.ReadAllAsync("/e/f")));
        Assert.Equal(6, vfs.Statistics.BytesWritten);
        Assert.Equal(new VfsSpace(100, 50, 40), vfs.SpaceOf(moved.Inode));
    }

    [Fact]
    public async Task Mfs_errors_arrive_as_vfs_errors()
    {
        var (vfs, tree) = await NewAsync();
        await using var _ = tree;
        var dir = await vfs.MkdirAsync(1, "d", 0b111_101_101, default);
        await vfs.MknodAsync(dir.Inode, "f", 0b110_100_100, default);
        async Task<VfsError> ErrorOf(Func<Task> action) => (await Assert.ThrowsAsync<VfsException>(action)).Error;

        Assert.Equal(VfsError.AlreadyExists, await ErrorOf(async () => await vfs.MkdirAsync(1, "d", 0, default)));
        Assert.Equal(VfsError.NotEmpty, await ErrorOf(async () => await vfs.RmdirAsync(1, "d", default)));
        Assert.Equal(VfsError.IsDirectory, await ErrorOf(async () => await vfs.UnlinkAsync(1, "d", default)));
        Assert.Equal(VfsError.NotFound, await ErrorOf(async () => await vfs.UnlinkAsync(1, "missing", default)));
        Assert.Equal(VfsError.InvalidArgument, await ErrorOf(async () => await vfs.RenameAsync(1, "d", dir.Inode, "inside", false, default)));
        Assert.Equal(VfsError.AlreadyExists, await ErrorOf(async () => await vfs.CreateAsync(dir.Inode, "f", 0, VfsOpenFlags.Write | VfsOpenFlags.Exclusive, default)));
        var file = await vfs.LookupAsync(dir.Inode, "f", default);
        Assert.Equal(VfsError.NotPermitted, await ErrorOf(() => Task.Run(() => vfs.Link(file.Inode, 1, "hard"))));
        Assert.Equal(VfsError.NameTooLong, await ErrorOf(async () => await vfs.MkdirAsync(1, new string('n', 256), 0, default)));
    }

    [Fact]
    public async Task Setattr_changes_mode_size_and_mtime_and_fsync_commits_a_version()
    {
        var (vfs, tree) = await NewAsync();
        await using var _ = tree;
        var file = await vfs.MknodAsync(1, "f", 0b110_100_100, default);
        var mtime = new DateTimeOffset(2021, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var changed = await vfs.SetAttributesAsync(file.Inode, new VfsAttributeChanges(0b111_000_000, 1000, mtime), null, default);
        Assert.Equal((0b111_000_000u, 1000L, mtime), (changed.Attributes.Mode, changed.Attributes.Size, changed.Attributes.Mtime));
        await tree.WhenCloseCommitsDoneAsync(); // a truncate by path is an open and a last close: a (group) commit
        var afterTruncate = tree.Head!.Number;
        await vfs.SetAttributesAsync(file.Inode, new VfsAttributeChanges(0b110_000_000, null, null), null, default);
        Assert.Equal(afterTruncate, tree.Head.Number);
        await vfs.SyncAsync(file.Inode, default);
        Assert.Equal(afterTruncate + 1, tree.Head!.Number);
        Assert.Equal((await tree.StatAsync("/")).Cid, tree.Head!.Root);
    }

    [Fact]
    public async Task Read_only_trees_refuse_every_change_with_read_only()
    {
        var vfs = new VirtualFileSystem(new ListNode(new LeafNode("abc")), new VfsOptions());
        var leaf = await vfs.LookupAsync(1, "abc", default);
        async Task<VfsError> ErrorOf(Func<Task> action) => (await Assert.ThrowsAsync<VfsException>(action)).Error;
        Assert.Equal(VfsError.ReadOnly, await ErrorOf(async () => await vfs.MkdirAsync(1, "d", 0, default)));
        Assert.Equal(VfsError.ReadOnly, await ErrorOf(async () => await vfs.CreateAsync(1, "f", 0, VfsOpenFlags.Write, default)));
        Assert.Equal(VfsError.ReadOnly, await ErrorOf(async () => await vfs.UnlinkAsync(1, "abc", default)));
        Assert.Equal(VfsError.ReadOnly, await ErrorOf(async () => await vfs.SetAttributesAsync(leaf.Inode, new VfsAttributeChanges(1, null, null), null, default)));
        Assert.Equal(VfsError.ReadOnly, await ErrorOf(async () => await vfs.OpenAsync(leaf.Inode, VfsOpenFlags.Write, default)));
        Assert.Equal(VfsError.NotDirectory, await ErrorOf(async () => await vfs.MkdirAsync(leaf.Inode, "d", 0, default)));
        Assert.Null(vfs.SpaceOf(1));
    }
}
