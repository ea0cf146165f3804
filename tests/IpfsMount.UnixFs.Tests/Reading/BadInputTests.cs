// Corrupt, truncated and malformed blocks must fail with clear domain exceptions, never wrong bytes or crashes.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class BadInputTests
{
    /// <summary>Returns whatever bytes it was told to for a CID, bypassing verification (a lying disk or peer).</summary>
    private sealed class TamperingStore(IBlockStore inner) : IBlockStore
    {
        public readonly Dictionary<Cid, byte[]> Overrides = new();

        public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default) =>
            Overrides.TryGetValue(cid, out var bytes) ? ValueTask.FromResult<ReadOnlyMemory<byte>>(bytes) : inner.GetAsync(cid, ct);

        public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);

        public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

        public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => inner.AllKeysAsync(ct);
    }

    private static async Task<Cid> PutAsync(IBlockStore store, byte[] block, ulong codec = Multicodec.DagPb)
    {
        var cid = Cid.Compute(block, codec, 1);
        await store.PutAsync(cid, block);
        return cid;
    }

    private static byte[] Node(UnixFsData data, params PbLink[] links) => DagPb.Encode(new PbNode(links, data.Encode()));

    [Fact]
    public async Task A_leaf_whose_bytes_do_not_match_its_cid_fails_the_read_with_BlockCorruptException()
    {
        var inner = new MemoryBlockStore();
        var source = InputGenerator.Generate(600_000, 2);
        var entry = await new UnixFsImporter(inner, ImportOptions.KuboV1).AddFileAsync(new MemoryStream(source));
        var store = new TamperingStore(inner);
        var root = DagPb.Decode(await inner.GetAsync(entry.Cid));
        var leaf = root.Links[1].Hash;
        var bad = (await inner.GetAsync(leaf)).ToArray();
        bad[100] ^= 1;
        store.Overrides[leaf] = bad;

        var resolver = new UnixFsResolver(store);
        var reader = resolver.OpenFile(await resolver.GetNodeAsync(entry.Cid));
        var ex = await Assert.ThrowsAsync<BlockCorruptException>(() => reader.ReadAsync(262144 + 50, new byte[10]).AsTask());
        Assert.Equal(leaf, ex.Cid);
        Assert.Equal(10, await reader.ReadAsync(5, new byte[10])); // other leaves still read
    }

    [Fact]
    public async Task Non_unixfs_blocks_are_rejected_with_InvalidUnixFsException()
    {
        var store = new MemoryBlockStore();
        var resolver = new UnixFsResolver(store);
        var cbor = await PutAsync(store, [0xa0], Multicodec.DagCbor);
        Assert.Contains("dag-cbor", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(cbor))).Message);
        var noData = await PutAsync(store, DagPb.Encode(new PbNode([], null)));
        Assert.Contains("without a Data field", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(noData))).Message);
        var garbage = await PutAsync(store, [0x0a, 0x05, 0x01]);
        await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(garbage));
        var metadata = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.Metadata }));
        Assert.Contains("not supported", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(metadata))).Message);
    }

    [Fact]
    public async Task File_nodes_whose_sizes_disagree_are_rejected()
    {
        var store = new MemoryBlockStore();
        var resolver = new UnixFsResolver(store);
        var leaf = await PutAsync(store, new byte[100], Multicodec.Raw);

        var countMismatch = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.File, FileSize = 100 }, new PbLink(leaf, "", 100)));
        Assert.Contains("1 links but 0 blocksizes", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(countMismatch))).Message);

        var fileSizeMismatch = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.File, FileSize = 7, BlockSizes = [100] }, new PbLink(leaf, "", 100)));
        Assert.Contains("filesize 7", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(fileSizeMismatch))).Message);

        var childMismatch = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.File, FileSize = 150, BlockSizes = [150] }, new PbLink(leaf, "", 100)));
        var reader = resolver.OpenFile(await resolver.GetNodeAsync(childMismatch));
        var ex = await Assert.ThrowsAsync<InvalidUnixFsException>(() => reader.ReadAsync(0, new byte[10]).AsTask());
        Assert.Contains("holds 100 bytes", ex.Message);

        var dir = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.Directory }));
        var pointsToDir = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.File, FileSize = 4, BlockSizes = [4] }, new PbLink(dir, "", 4)));
        var reader2 = resolver.OpenFile(await resolver.GetNodeAsync(pointsToDir));
        await Assert.ThrowsAsync<InvalidUnixFsException>(() => reader2.ReadAsync(0, new byte[4]).AsTask());
    }

    [Fact]
    public async Task Hamt_shards_with_an_unknown_hash_or_bad_fanout_are_rejected()
    {
        var store = new MemoryBlockStore();
        var resolver = new UnixFsResolver(store);
        var sha = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.HamtShard, Data = new byte[] { 1 }, HashType = 0x12, Fanout = 256 }));
        Assert.Contains("murmur3", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(sha))).Message);
        var fanout = await PutAsync(store, Node(new UnixFsData { Type = UnixFsDataType.HamtShard, Data = new byte[] { 1 }, HashType = 0x22, Fanout = 100 }));
        Assert.Contains("fanout 100", (await Assert.ThrowsAsync<InvalidUnixFsException>(() => resolver.GetNodeAsync(fanout))).Message);
    }

    [Fact]
    public async Task Randomly_mutated_blocks_decode_or_fail_only_with_format_exceptions()
    {
        var store = new MemoryBlockStore();
        var entry = await new UnixFsImporter(store, ImportOptions.Kubo with { Chunker = "size-100" }).AddFileAsync(new MemoryStream(InputGenerator.Generate(3000, 4)));
        var original = (await store.GetAsync(entry.Cid)).ToArray();
        var rng = new Random(7);
        int decoded = 0, rejected = 0;
        for (int i = 0; i < 2000; i++)
        {
            var mutated = (byte[])original.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--) mutated[rng.Next(mutated.Length)] = (byte)rng.Next(256);
            if (rng.Next(4) == 0) mutated = mutated[..rng.Next(mutated.Length)];
            try
            {
                UnixFsNode.Decode(Cid.Compute(mutated, Multicodec.DagPb), mutated);
                decoded++;
            }
            catch (IpfsFormatException)
            {
                rejected++;
            }
        }
        Assert.True(rejected > 0 && decoded + rejected == 2000);
    }
}
