// Writes through a /mfs file handle: a long write is turned into blocks as it goes (the working root is recorded,
// no version is made), so a file written without fsync never has to fit in memory; the bytes stay exact.
using IpfsMount.Core;
using IpfsMount.Mfs;
using IpfsMount.Vfs.Writable;

namespace IpfsMount.Vfs.Tests;

public sealed class MfsTreeFileHandleTests
{
    [Fact]
    public async Task A_long_write_without_fsync_is_stored_as_blocks_as_it_goes_without_a_version_and_reads_back_exactly()
    {
        var store = new MemoryBlockStore();
        var log = new MemoryMfsVersionLog();
        await using var tree = await MfsTree.OpenAsync(store, log, new MfsOptions { AutoCommitInterval = null, CommitOnLastClose = false });
        await tree.WriteAllAsync("/big.bin", Array.Empty<byte>());
        var node = (await tree.LookupAsync(tree.RootRef, "big.bin"))!;
        var scope = new MfsTreeScope(tree, () => new VfsSpace(1L << 40, 1L << 40, 1L << 40));
        var writer = await new MfsTreeFileNode(scope, node).OpenWriteAsync(VfsOpenFlags.ReadWrite, default);
        var expected = new byte[MfsTreeFileHandle.SpillBytes + (5 << 20)];
        new Random(6).NextBytes(expected);
        var blocksBefore = store.Count;
        for (var offset = 0; offset < expected.Length; offset += 1 << 20)
            await writer.WriteAsync(offset, expected.AsMemory(offset, Math.Min(1 << 20, expected.Length - offset)), default);

        // SpillBytes of 256 KiB leaves were stored during the write, and the working root (recorded by the spill,
        // which runs beside the writer) points at them.
        await ((MfsTreeFileHandle)writer).PendingSpill.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(store.Count - blocksBefore >= MfsTreeFileHandle.SpillBytes / (256 * 1024), $"only {store.Count - blocksBefore} blocks stored before the close");
        Assert.NotNull(log.WorkingRoot);
        var versions = new List<MfsVersion>();
        await foreach (var v in log.ListAsync()) versions.Add(v);
        Assert.Empty(versions); // spilling records no version (nothing here commits before the end)

        var readBack = new byte[expected.Length + 10];
        var n = 0;
        while (n < readBack.Length && await writer.ReadAsync(n, readBack.AsMemory(n), default) is var got and > 0) n += got;
        Assert.Equal(expected.Length, n);
        Assert.True(expected.AsSpan().SequenceEqual(readBack.AsSpan(0, n)));
        await writer.DisposeAsync();
        await tree.CommitAsync();
        var committed = await tree.ReadAllAsync("/big.bin");
        Assert.True(expected.AsSpan().SequenceEqual(committed));
    }
}
