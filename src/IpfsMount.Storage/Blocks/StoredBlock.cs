// One entry of the `blocks` column family as a scan sees it (for AllKeys, stat, verify and GC sweep).
namespace IpfsMount.Storage;

using IpfsMount.Core;

internal readonly record struct StoredBlock(byte[] Key, Cid Cid, int Length, bool IsMalformed, bool HashMatches)
{
    /// <summary>Reads the key and the codec prefix; re-hashes the bytes only when <paramref name="verify"/>
    /// (HashMatches is true otherwise).</summary>
    public static StoredBlock From(byte[] key, ReadOnlySpan<byte> value, bool verify)
    {
        Multihash hash;
        try
        {
            hash = Multihash.FromBytes(key);
        }
        catch (InvalidMultihashException)
        {
            return new StoredBlock(key, default, value.Length, IsMalformed: true, HashMatches: false);
        }

        if (!Varint.TryRead(value, out var codec, out var prefix))
        {
            return new StoredBlock(key, Cid.Create(1, Multicodec.Raw, hash), value.Length, IsMalformed: true, HashMatches: false);
        }

        var data = value[prefix..];

        Cid cid;
        try
        {
            cid = Cid.Create(1, codec, hash);
        }
        catch (InvalidCidException)
        {
            cid = Cid.Create(1, Multicodec.Raw, hash);
        }

        return new StoredBlock(key, cid, data.Length, IsMalformed: false, HashMatches: !verify || hash.Matches(data));
    }
}
