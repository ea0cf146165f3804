// The node-addressed operations a mount uses: a node reference survives renames, an unlinked file stays usable
// through its handle, create/mkdir/rename honour O_EXCL and RENAME_NOREPLACE, and leaves of zeros share a block.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class NodeOperationTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task A_node_reference_keeps_its_identity_and_follows_its_path_across_renames()
    {
        await using var tree = await Trees.NewAsync();
        var dir = await tree.MkdirAsync(tree.RootRef, "a", null);
        var (file, handle) = await tree.CreateAsync(dir, "f", null, MfsOpenFlags.Write);
        await handle!.WriteAsync(0, B("data"));
        await handle.DisposeAsync();

        await tree.RenameAsync(tree.RootRef, "a", tree.RootRef, "b", noReplace: false);
        var again = await tree.LookupAsync((await tree.LookupAsync(tree.RootRef, "b"))!, "f");
        Assert.Same(file, again);
        Assert.Equal("/b/f", file.Path);
        Assert.Equal(new MfsNodeInfo(MfsEntryKind.File, 4, null, null, tree.Describe(file).Modified, true), tree.Describe(file));
        Assert.NotNull(tree.Describe(file).Modified);
    }

    [Fact]
    public async Task An_unlinked_file_stays_readable_and_writable_through_its_open_handle()
    {
        await using var tree = await Trees.NewAsync();
        var (file, handle) = await tree.CreateAsync(tree.RootRef, "f", null, MfsOpenFlags.ReadWrite);
        await handle!.WriteAsync(0, B("before"));
        await tree.RemoveAsync(tree.RootRef, "f", directory: false);
        Assert.Null(await tree.LookupAsync(tree.RootRef, "f"));
        Assert.False(tree.Describe(file).Attached);

        await handle.WriteAsync(6, B("+after"));
        var buffer = new byte[32];
        var n = await handle.ReadAsync(0, buffer);
        Assert.Equal("before+after", Encoding.UTF8.GetString(buffer, 0, n));
        await handle.DisposeAsync();
        Assert.Empty(await tree.ChildrenAsync(tree.RootRef));
    }

    [Fact]
    public async Task Exclusive_create_and_noreplace_rename_refuse_an_existing_name()
    {
        await using var tree = await Trees.NewAsync();
        await tree.CreateAsync(tree.RootRef, "a", null, 0);
        await tree.CreateAsync(tree.RootRef, "b", 0b110_000_000, 0);
        var excl = await Assert.ThrowsAsync<MfsException>(() => tree.CreateAsync(tree.RootRef, "a", null, MfsOpenFlags.Write | MfsOpenFlags.Exclusive));
        Assert.Equal(MfsErrorKind.AlreadyExists, excl.Kind);
        var rename = await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync(tree.RootRef, "a", tree.RootRef, "b", noReplace: true));
        Assert.Equal(MfsErrorKind.AlreadyExists, rename.Kind);
        Assert.Equal(0b110_000_000u, tree.Describe((await tree.LookupAsync(tree.RootRef, "b"))!).Mode);

        await tree.RenameAsync(tree.RootRef, "a", tree.RootRef, "b", noReplace: false);
        Assert.Equal(["b"], (await tree.ChildrenAsync(tree.RootRef)).Select(c => c.Key));
    }

    [Fact]
    public async Task Remove_distinguishes_files_from_directories_like_unlink_and_rmdir()
    {
        await using var tree = await Trees.NewAsync();
        var d = await tree.MkdirAsync(tree.RootRef, "d", 0b111_000_000);
        await tree.CreateAsync(d, "f", null, 0);
        Assert.Equal(MfsErrorKind.IsADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.RemoveAsync(tree.RootRef, "d", directory: false))).Kind);
        Assert.Equal(MfsErrorKind.NotEmpty, (await Assert.ThrowsAsync<MfsException>(() => tree.RemoveAsync(tree.RootRef, "d", directory: true))).Kind);
        Assert.Equal(MfsErrorKind.NotADirectory, (await Assert.ThrowsAsync<MfsException>(() => tree.RemoveAsync(d, "f", directory: true))).Kind);
        await tree.RemoveAsync(d, "f", directory: false);
        await tree.RemoveAsync(tree.RootRef, "d", directory: true);
        // a removed directory accepts no new entries
        Assert.Equal(MfsErrorKind.NotFound, (await Assert.ThrowsAsync<MfsException>(() => tree.MkdirAsync(d, "x", null))).Kind);
    }

    [Fact]
    public async Task Directory_mode_is_stored_and_the_cid_of_a_node_matches_stat()
    {
        await using var tree = await Trees.NewAsync();
        var d = await tree.MkdirAsync(tree.RootRef, "d", 0b111_000_000);
        var link = await tree.SymlinkAsync(d, "l", "../t");
        Assert.Equal("../t", MfsTree.ReadLink(link));
        Assert.Equal(0b111_000_000u, tree.Describe(d).Mode);
        Assert.Equal((await tree.StatAsync("/d")).Cid, await tree.CidOfAsync(d));
        Assert.Equal((await tree.StatAsync("/d/l")).Cid, await tree.CidOfAsync(link));
        // the default mode is not written (same CID as a plain mkdir)
        var plain = await tree.MkdirAsync(tree.RootRef, "p", 0b111_101_101);
        Assert.Null(tree.Describe(plain).Mode);
    }

    [Fact]
    public async Task A_file_of_zeros_written_through_a_handle_has_the_cid_of_the_same_file_imported_and_stores_one_leaf()
    {
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var tree = await Trees.NewAsync(store);
        var (_, handle) = await tree.CreateAsync(tree.RootRef, "z", null, MfsOpenFlags.Write);
        await handle!.WriteAsync(0, new byte[1 << 20]);
        await handle.WriteAsync(3 << 20, new byte[5]); // a hole, then a short tail
        await handle.DisposeAsync();
        var written = (await tree.StatAsync("/z")).Cid;

        await using var other = await Trees.NewAsync();
        await other.WriteAllAsync("/z", new byte[(3 << 20) + 5]);
        Assert.Equal((await other.StatAsync("/z")).Cid, written);
        // the zero leaf, the 5-byte tail leaf, the file's root node and the MFS root directory
        Assert.Equal(4, store.Put.Distinct().Count());
    }
}
