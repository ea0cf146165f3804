// Deterministic test inputs for the Bitswap tests: the vectors' xorshift32 generator and raw/dag-pb blocks from it.
using IpfsMount.Core;

namespace IpfsMount.Net.Tests.Bitswap;

internal static class BitswapTestData
{
    /// <summary>xorshift32 bytes exactly as /work/shared/vectors/README.md describes.</summary>
    public static byte[] Gen(int size, uint seed)
    {
        var s = seed;
        var output = new byte[size];
        var i = 0;
        while (i < size)
        {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            for (var k = 0; k < 4 && i < size; k++)
                output[i++] = (byte)(s >> (8 * k));
        }
        return output;
    }

    /// <summary>Raw CIDv1 blocks of <paramref name="size"/> bytes each, distinct per index.</summary>
    public static List<(Cid Cid, byte[] Data)> RawBlocks(int count, int size, uint seed = 1)
    {
        var list = new List<(Cid, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var data = Gen(size, seed + (uint)i * 7919u);
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
