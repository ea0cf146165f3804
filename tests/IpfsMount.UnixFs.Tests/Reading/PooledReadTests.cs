// UnixFsFileReader over a store that hands out pooled leases: the reader must copy the bytes out before it gives a
// lease back (given-back buffers are overwritten here), must not cache interior nodes inside leases, and must give
// every lease back once it is disposed.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class PooledReadTests
{
    [Theory]
    [InlineData("kubo")]
    [InlineData("deep-raw")]
    [InlineData("deep-balanced")]
    public async Task Concurrent_random_and_sequential_reads_see_the_source_bytes_and_every_lease_comes_back(string layout)
    {
        var options = layout switch
        {
            "kubo" => ImportOptions.Kubo,
            "deep-raw" => ImportOptions.KuboV1 with { Chunker = "size-777", MaxLinks = 5 },
            _ => ImportOptions.Kubo with { Chunker = "size-1000", MaxLinks = 3 },
        };
        var source = InputGenerator.Generate(layout == "kubo" ? 3_000_000 : 300_000, 11);
        var inner = new MemoryBlockStore();
        var entry = await new UnixFsImporter(inner, options).AddFileAsync(new MemoryStream(source));
        var store = new PoisoningLeaseStore(inner);
        var resolver = new UnixFsResolver(store);
        var reader = resolver.OpenFile(await resolver.GetNodeAsync(entry.Cid), readAheadLeaves: 8);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var rng = new Random(worker);
            if (worker % 2 == 0)
            {
                // Sequential, in small pieces: read-ahead plus several reads inside one leaf.
                var buffer = new byte[rng.Next(100, 70_000)];
                for (long offset = 0; offset < source.Length; offset += buffer.Length)
                {
                    await AssertReadAsync(reader, source, offset, buffer);
                }
                return;
            }
            for (var i = 0; i < 150; i++)
            {
                await AssertReadAsync(reader, source, rng.NextInt64(0, source.Length), new byte[rng.Next(1, 200_000)]);
            }
        })));

        reader.Dispose();
        await store.WaitUntilAllReturnedAsync();
        Assert.True(store.Rented > 0, "the reader never rented a block");

        // Interior nodes stay cached after their leases were overwritten: reads after Dispose are still right.
        var rng2 = new Random(99);
        for (var i = 0; i < 30; i++)
        {
            await AssertReadAsync(reader, source, rng2.NextInt64(0, source.Length), new byte[rng2.Next(1, 50_000)]);
        }
    }

    [Fact]
    public async Task A_corrupt_block_from_a_lease_is_refused_and_its_buffer_given_back()
    {
        var source = InputGenerator.Generate(600_000, 12);
        var inner = new MemoryBlockStore();
        var entry = await new UnixFsImporter(inner, ImportOptions.KuboV1).AddFileAsync(new MemoryStream(source));
        var store = new PoisoningLeaseStore(inner) { CorruptLeaves = true };
        var resolver = new UnixFsResolver(store);
        using var reader = resolver.OpenFile(await resolver.GetNodeAsync(entry.Cid));

        await Assert.ThrowsAsync<BlockCorruptException>(async () => await reader.ReadAsync(0, new byte[1000]));
        await store.WaitUntilAllReturnedAsync();
    }

    private static async Task AssertReadAsync(UnixFsFileReader reader, byte[] source, long offset, byte[] buffer)
    {
        var n = await reader.ReadAsync(offset, buffer);
        var expected = (int)Math.Max(0, Math.Min(buffer.Length, source.Length - offset));
        Assert.Equal(expected, n);
        Assert.True(buffer.AsSpan(0, n).SequenceEqual(source.AsSpan((int)offset, n)), $"bytes differ at {offset}+{n}");
    }

    /// <summary>Hands out every block in a fresh leased buffer and overwrites the buffer when it comes back, so a
    /// reader that keeps using a lease after disposing it reads garbage (and fails the byte comparison).</summary>
    private sealed class PoisoningLeaseStore(IBlockStore inner) : IBlockStore
    {
        private long _rented;
        private long _outstanding;

        public bool CorruptLeaves { get; init; }

        public long Rented => Interlocked.Read(ref _rented);

        public async ValueTask<BlockLease> RentAsync(Cid cid, CancellationToken ct = default)
        {
            var data = await inner.GetAsync(cid, ct);
            var buffer = new byte[data.Length + 3];
            data.CopyTo(buffer);
            if (CorruptLeaves && cid.Codec == Multicodec.Raw) buffer[0] ^= 0x40;
            Interlocked.Increment(ref _rented);
            Interlocked.Increment(ref _outstanding);
            return BlockLease.Over(buffer, data.Length, GiveBack);
        }

        private void GiveBack(byte[] buffer)
        {
            buffer.AsSpan().Fill(0xEE);
            if (Interlocked.Decrement(ref _outstanding) < 0) throw new InvalidOperationException("a lease was given back twice");
        }

        public async Task WaitUntilAllReturnedAsync()
        {
            for (var i = 0; i < 500 && Interlocked.Read(ref _outstanding) != 0; i++) await Task.Delay(10);
            Assert.Equal(0, Interlocked.Read(ref _outstanding));
        }

        public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default) => inner.GetAsync(cid, ct);

        public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);

        public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

        public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => inner.AllKeysAsync(ct);
    }
}
