// CID prefixes of Bitswap 1.1.0+ payload blocks: varint(version) varint(codec) varint(hash code) varint(digest length).
using System.Collections.Concurrent;
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public static class CidPrefix
{
    /// <summary>The implied prefix of Bitswap 1.0.0 blocks: CIDv0, dag-pb, sha2-256, 32 bytes.</summary>
    public static readonly ReadOnlyMemory<byte> V0 = new byte[] { 0x00, 0x70, 0x12, 0x20 };

    private static readonly ConcurrentDictionary<(int, ulong, ulong, int), ReadOnlyMemory<byte>> Cache = new();

    /// <summary>The prefix bytes of <paramref name="cid"/> (shared, do not mutate).</summary>
    public static ReadOnlyMemory<byte> Of(Cid cid)
    {
        var key = (cid.Version, cid.Codec, cid.Hash.Code, cid.Hash.Digest.Length);
        if (Cache.TryGetValue(key, out var cached))
            return cached;
        var bytes = new byte[Varint.Size((ulong)cid.Version) + Varint.Size(cid.Codec) + Varint.Size(cid.Hash.Code) + Varint.Size((ulong)cid.Hash.Digest.Length)];
        var n = Varint.Write(bytes, (ulong)cid.Version);
        n += Varint.Write(bytes.AsSpan(n), cid.Codec);
        n += Varint.Write(bytes.AsSpan(n), cid.Hash.Code);
        Varint.Write(bytes.AsSpan(n), (ulong)cid.Hash.Digest.Length);
        if (Cache.Count < 256)
            Cache[key] = bytes;
        return bytes;
    }

    /// <summary>
    /// Hashes <paramref name="data"/> as the prefix says and returns the CID it has. False when the prefix is
    /// malformed or names a hash function or digest length we cannot compute (the block is then unusable).
    /// </summary>
    public static bool TryComputeCid(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, out Cid cid)
    {
        cid = default;
        if (!Varint.TryRead(prefix, out var version, out var a)
            || !Varint.TryRead(prefix[a..], out var codec, out var b)
            || !Varint.TryRead(prefix[(a + b)..], out var hashCode, out var c)
            || !Varint.TryRead(prefix[(a + b + c)..], out var digestLength, out var d)
            || a + b + c + d != prefix.Length)
            return false;
        if (version > 1 || hashCode == Multicodec.Identity)
            return false;
        if (version == 0 && (codec != Multicodec.DagPb || hashCode != Multicodec.Sha2_256 || digestLength != 32))
            return false;
        Multihash mh;
        try
        {
            mh = Multihash.Compute(data, hashCode);
        }
        catch (NotSupportedException)
        {
            return false;
        }
        if ((ulong)mh.Digest.Length != digestLength)
            return false;
        cid = Cid.Create((int)version, codec, mh);
        return true;
    }
}
