// One entry of the `blocks` column family as a scan sees it (for AllKeys, stat, verify and GC sweep).
namespace IpfsMount.Storage;

using IpfsMount.Core;

internal readonly record struct StoredBlock(byte[] Key, Cid Cid, int Length, ReadOnlyMemory<byte> Data, bool IsMalformed)
{
    public static StoredBlock From(byte[] key, byte[] value, bool withData)
    {
        Multihash hash;
        try
        {
            hash = Multihash.FromBytes(key);
        }
        catch (InvalidMultihashException)
        {
            return new StoredBlock(key, default, value.Length, value, IsMalformed: true);
        }

        if (!BlockRecord.TryDecode(value, out var codec, out var data))
        {
            return new StoredBlock(key, Cid.Create(1, Multicodec.Raw, hash), value.Length, value, IsMalformed: true);
        }

        Cid cid;
        try
        {
            cid = Cid.Create(1, codec, hash);
        }
        catch (InvalidCidException)
        {
            cid = Cid.Create(1, Multicodec.Raw, hash);
        }

        return new StoredBlock(key, cid, data.Length, withData ? data : default, IsMalformed: false);
    }
}
