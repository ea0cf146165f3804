// MurmurHash3 x64-128 (Austin Appleby's public-domain algorithm); UnixFS HAMT shards use its first 64-bit half
// as multihash 0x22 "murmur3-x64-64" (ipfs/specs UNIXFS.md "HAMTDirectory", go-unixfs hamt).
using System.Buffers.Binary;
using System.Numerics;

namespace IpfsMount.UnixFs;

/// <summary>The HAMT key hash: h1 of MurmurHash3_x64_128(key, seed 0), written as 8 big-endian bytes.</summary>
public static class Murmur3X64
{
    private const ulong C1 = 0x87c37b91114253d5UL, C2 = 0x4cf5ad432745937fUL;

    /// <summary>Returns h1 of MurmurHash3_x64_128 with the given seed.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> key, uint seed = 0)
    {
        ulong h1 = seed, h2 = seed;
        int blocks = key.Length / 16;
        for (int i = 0; i < blocks; i++)
        {
            ulong k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[(i * 16)..]);
            ulong k2 = BinaryPrimitives.ReadUInt64LittleEndian(key[(i * 16 + 8)..]);
            h1 ^= MixK1(k1);
            h1 = BitOperations.RotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= MixK2(k2);
            h2 = BitOperations.RotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        var tail = key[(blocks * 16)..];
        ulong t1 = 0, t2 = 0;
        for (int i = tail.Length - 1; i >= 8; i--) t2 = (t2 << 8) | tail[i];
        for (int i = Math.Min(tail.Length, 8) - 1; i >= 0; i--) t1 = (t1 << 8) | tail[i];
        if (tail.Length > 8) h2 ^= MixK2(t2);
        if (tail.Length > 0) h1 ^= MixK1(t1);

        h1 ^= (ulong)key.Length;
        h2 ^= (ulong)key.Length;
        h1 += h2;
        h2 += h1;
        h1 = FMix(h1);
        h2 = FMix(h2);
        h1 += h2;
        return h1;
    }

    /// <summary>Writes the 8-byte HAMT digest (h1 big-endian) of <paramref name="key"/>.</summary>
    public static void HashTo(ReadOnlySpan<byte> key, Span<byte> digest8) =>
        BinaryPrimitives.WriteUInt64BigEndian(digest8, Hash64(key));

    private static ulong MixK1(ulong k) => BitOperations.RotateLeft(k * C1, 31) * C2;

    private static ulong MixK2(ulong k) => BitOperations.RotateLeft(k * C2, 33) * C1;

    private static ulong FMix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
