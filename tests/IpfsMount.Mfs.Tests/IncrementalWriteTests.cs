// Writing into a large file re-encodes only the touched leaves and the nodes on their path to the root.
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class IncrementalWriteTests
{
    [Fact]
    public async Task A_small_write_into_a_large_file_puts_only_the_changed_leaf_and_its_path()
    {
        // 64-byte chunks, 4 links: 4096 leaves, height 6 — a write inside one leaf changes 1 leaf + 6 file nodes
        // (5 internal + root) + 1 directory = 8 blocks.
        var layout = MfsLayout.KuboV0 with { ChunkSize = 64, MaxLinks = 4 };
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var tree = await Trees.NewAsync(store, layout);
        var data = InputGenerator.Generate(64 * 4096, 9);
        await tree.WriteAllAsync("/big", data);
        await tree.CommitAsync();
        Assert.True(store.Puts > 4096);

        store.Reset();
        await using (var h = await tree.OpenAsync("/big", MfsOpenFlags.Write))
            await h.WriteAsync(64 * 2000 + 10, new byte[] { 1, 2, 3 });
        await tree.CommitAsync();
        Assert.Equal(8, store.Puts);

        data[64 * 2000 + 10] = 1; data[64 * 2000 + 11] = 2; data[64 * 2000 + 12] = 3;
        Assert.Equal(data, await tree.ReadAllAsync("/big"));
        Assert.Equal(await ImportedCid(data, layout), (await tree.StatAsync("/big")).Cid);
    }

    [Fact]
    public async Task Reopening_a_committed_large_file_and_writing_one_byte_reuses_every_other_block()
    {
        var layout = MfsLayout.KuboV0 with { ChunkSize = 64, MaxLinks = 4 };
        var store = new CountingBlockStore(new MemoryBlockStore());
        var log = new MemoryMfsVersionLog();
        var data = InputGenerator.Generate(64 * 1000 + 17, 4);
        await using (var tree = await Trees.NewAsync(store, layout, log))
        {
            await tree.WriteAllAsync("/big", data);
            await tree.CommitAsync();
        }
        await using var again = await Trees.NewAsync(store, layout, log);
        store.Reset();
        await using (var h = await again.OpenAsync("/big", MfsOpenFlags.Write))
            await h.WriteAsync(5, new byte[] { 0xEE });
        await again.CommitAsync();
        Assert.Equal(1 + 5 + 1, store.Puts); // leaf + 5 file nodes (height 5) + root directory
        data[5] = 0xEE;
        Assert.Equal(await ImportedCid(data, layout), (await again.StatAsync("/big")).Cid);
    }

    [Fact]
    public async Task Appending_puts_only_the_new_leaves_and_the_right_edge()
    {
        var layout = MfsLayout.KuboV0 with { ChunkSize = 64, MaxLinks = 4 };
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var tree = await Trees.NewAsync(store, layout);
        var data = InputGenerator.Generate(64 * 1024, 4);
        await tree.WriteAllAsync("/f", data);
        await tree.CommitAsync();
        store.Reset();
        var more = InputGenerator.Generate(64 * 2, 8);
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Append))
            await h.WriteAsync(0, more);
        await tree.CommitAsync();
        Assert.InRange(store.Puts, 2, 2 + 7 + 1);
        Assert.Equal(await ImportedCid([.. data, .. more], layout), (await tree.StatAsync("/f")).Cid);
    }

    [Fact]
    public async Task Truncating_a_large_file_rebuilds_only_the_new_right_edge()
    {
        var layout = MfsLayout.KuboV0 with { ChunkSize = 64, MaxLinks = 4 };
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var tree = await Trees.NewAsync(store, layout);
        var data = InputGenerator.Generate(64 * 1024, 4);
        await tree.WriteAllAsync("/f", data);
        await tree.CommitAsync();
        store.Reset();
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write))
            await h.TruncateAsync(64 * 700 + 3);
        await tree.CommitAsync();
        Assert.InRange(store.Puts, 2, 1 + 5 + 1);
        Assert.Equal(await ImportedCid(data[..(64 * 700 + 3)], layout), (await tree.StatAsync("/f")).Cid);
    }

    /// <summary>The CID of the same bytes written in one go into a fresh tree (the canonical layout).</summary>
    private static async Task<Cid> ImportedCid(byte[] data, MfsLayout layout)
    {
        await using var fresh = await Trees.NewAsync(layout: layout);
        await fresh.WriteAllAsync("/x", data);
        return (await fresh.StatAsync("/x")).Cid;
    }
}
