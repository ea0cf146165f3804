// The file system facade: lookups register inodes, directory offsets are stable, slow operations time out.
namespace IpfsMount.Vfs.Tests;

public sealed class VirtualFileSystemTests
{
    [Fact]
    public async Task Lookup_returns_attributes_and_caches_by_the_parents_and_the_nodes_policy()
    {
        var vfs = new VirtualFileSystem(new ListNode(new LeafNode("abc")), new VfsOptions());
        var entry = await vfs.LookupAsync(1, "abc", default);
        Assert.Equal(3, entry.Attributes.Size);
        Assert.Equal(vfs.Options.MutableCacheTimeout, entry.EntryTimeout);   // the root directory may change
        Assert.Equal(vfs.Options.ImmutableCacheTimeout, entry.AttrTimeout);  // the leaf never does
        Assert.Equal(1, vfs.LookupCount(entry.Inode));
        var missing = await Assert.ThrowsAsync<VfsException>(async () => await vfs.LookupAsync(1, "nope", default));
        Assert.Equal(VfsError.NotFound, missing.Error);
    }

    [Fact]
    public async Task Reading_a_directory_in_pages_returns_every_entry_once_in_order()
    {
        var leaves = Enumerable.Range(0, 250).Select(i => (VfsNode)new LeafNode($"f{i:D3}")).ToArray();
        var vfs = new VirtualFileSystem(new ListNode(leaves), new VfsOptions());
        var handle = vfs.OpenDirectory(1);
        var names = new List<string>();
        for (long offset = 0; ; )
        {
            var page = await vfs.ReadDirectoryAsync(handle, offset, 37, default);
            if (page.Count == 0) break;
            names.AddRange(page.Select(e => e.Name));
            offset += page.Count;
        }
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"f{i:D3}"), names);
        Assert.Equal("f010", (await vfs.ReadDirectoryAsync(handle, 10, 1, default))[0].Name); // rewind works
        await vfs.ReleaseDirectoryAsync(handle);
    }

    [Fact]
    public async Task A_read_slower_than_the_block_timeout_fails_with_timed_out()
    {
        var vfs = new VirtualFileSystem(new ListNode(new LeafNode("slow", TimeSpan.FromSeconds(30))),
            new VfsOptions { BlockTimeout = TimeSpan.FromMilliseconds(300) });
        var e = await Assert.ThrowsAsync<VfsException>(async () => await vfs.LookupAsync(1, "slow", default));
        Assert.Equal(VfsError.TimedOut, e.Error);
        Assert.Equal(1, vfs.Statistics.Timeouts);
    }

    [Fact]
    public async Task Opening_a_directory_for_reading_fails_with_is_directory_and_writing_with_read_only()
    {
        var vfs = new VirtualFileSystem(new ListNode(new LeafNode("abc")), new VfsOptions());
        Assert.Equal(VfsError.IsDirectory, (await Assert.ThrowsAsync<VfsException>(async () => await vfs.OpenAsync(1, false, default))).Error);
        var leaf = await vfs.LookupAsync(1, "abc", default);
        Assert.Equal(VfsError.ReadOnly, (await Assert.ThrowsAsync<VfsException>(async () => await vfs.OpenAsync(leaf.Inode, true, default))).Error);
        var handle = await vfs.OpenAsync(leaf.Inode, false, default);
        var buffer = new byte[10];
        Assert.Equal(3, await vfs.ReadAsync(handle, 0, buffer, default));
        Assert.Equal("abc"u8.ToArray(), buffer[..3]);
        Assert.Equal(1, vfs.OpenFiles);
        await vfs.ReleaseAsync(handle);
        Assert.Equal(0, vfs.OpenFiles);
    }
}
