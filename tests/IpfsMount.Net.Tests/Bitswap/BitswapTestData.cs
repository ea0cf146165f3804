// Deterministic test blocks for the Bitswap tests: raw/dag-pb blocks from the vectors' input generator (tests/Shared).
using IpfsMount.Core;

namespace IpfsMount.Net.Tests.Bitswap;

internal static class BitswapTestData
{
    /// <summary>Raw CIDv1 blocks of <paramref name="size"/> bytes each, distinct per index.</summary>
    public static List<(Cid Cid, byte[] Data)> RawBlocks(int count, int size, uint seed = 1)
    {
        var list = new List<(Cid, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var data = InputGenerator.Generate(size, seed + (uint)i * 7919u);
            list.Add((Cid.Compute(data, Multicodec.Raw), data));
        }
        return list;
    }

    public static async Task<MemoryBlockStore> StoreWith(IEnumerable<(Cid Cid, byte[] Data)> blocks)
    {
        var store = new MemoryBlockStore();
        foreach (var (cid, data) in blocks)
            await store.PutAsync(cid, data);
        return store;
    }
}
