// mfs@ as a node: version numbers and version root CIDs resolve to immutable DAG directories (long cache times),
// anything else is not found, and the listing follows the version log.
using IpfsMount.Core;
using IpfsMount.Mfs;
using IpfsMount.Vfs.Dag;

namespace IpfsMount.Vfs.Tests;

public sealed class MfsVersionsNodeTests
{
    [Fact]
    public async Task Versions_resolve_by_number_and_root_cid_to_immutable_directories_and_nothing_else_resolves()
    {
        var store = new MemoryBlockStore();
        var log = new MemoryMfsVersionLog();
        await using var tree = await MfsTree.OpenAsync(store, log, new MfsOptions { AutoCommitInterval = null, CommitOnLastClose = false });
        await tree.WriteAllAsync("/a.txt", "one"u8.ToArray());
        var v1 = await tree.CommitAsync();
        await tree.WriteAllAsync("/a.txt", "two!"u8.ToArray());
        var v2 = await tree.CommitAsync();
        var fileCid = (await tree.StatAsync("/a.txt")).Cid;

        var options = new VfsOptions();
        var vfs = new VirtualFileSystem(new MfsVersionsNode(new UnixFsSource(store, options), log), options);
        var one = await vfs.LookupAsync(1, "1", default);
        Assert.Equal(VfsNodeKind.Directory, one.Attributes.Kind);
        Assert.Equal(options.ImmutableCacheTimeout, one.AttrTimeout);   // a version never changes
        Assert.Equal(options.MutableCacheTimeout, one.EntryTimeout);    // the version list does
        Assert.Equal(3, (await vfs.LookupAsync(one.Inode, "a.txt", default)).Attributes.Size);
        var byCid = await vfs.LookupAsync(1, v2.Root.ToString(), default);
        Assert.Equal(4, (await vfs.LookupAsync(byCid.Inode, "a.txt", default)).Attributes.Size);
        Assert.Equal(byCid.Inode, (await vfs.LookupAsync(1, "2", default)).Inode); // one inode per root CID
        Assert.Equal(one.Inode, (await vfs.LookupAsync(1, v1.Root.ToV1().ToString(), default)).Inode);

        foreach (var name in new[] { "3", "0", "01", "+1", "1.0", "x", fileCid.ToString(), "" })
            Assert.Equal(VfsError.NotFound, (await Assert.ThrowsAsync<VfsException>(async () => await vfs.LookupAsync(1, name, default))).Error);

        var names = new List<string>();
        await foreach (var e in new MfsVersionsNode(new UnixFsSource(store, options), log).ListAsync(default)) names.Add(e.Name);
        Assert.Equal(["1", "2"], names);
    }
}
