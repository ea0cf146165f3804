// One entry of the `blocks` column family as a scan sees it (for AllKeys, stat, verify and GC sweep).
namespace IpfsMount.Storage;

using System.Buffers;
using IpfsMount.Core;

internal readonly record struct StoredBlock(byte[] Key, Cid Cid, int Length, bool IsMalformed, bool HashMatches, PackLocation? Pack = null)
{
    /// <summary>Reads the key and the record; re-hashes the bytes (inline, or read from their pack) only when
    /// <paramref name="verifyWith"/> is given (HashMatches is true otherwise).</summary>
    public static StoredBlock From(byte[] key, ReadOnlySpan<byte> value, PackStore? verifyWith)
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

        if (!BlockRecord.TryDecode(value, out var codec, out var inlineOffset, out var pack))
        {
            return new StoredBlock(key, Cid.Create(1, Multicodec.Raw, hash), value.Length, IsMalformed: true, HashMatches: false);
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

        if (pack is { } location)
        {
            return new StoredBlock(key, cid, location.Length, IsMalformed: false,
                HashMatches: verifyWith is null || PackBytesMatch(verifyWith, location, hash), location);
        }

        var data = value[inlineOffset..];
        return new StoredBlock(key, cid, data.Length, IsMalformed: false, HashMatches: verifyWith is null || hash.Matches(data));
    }

    /// <summary>Whether the bytes at <paramref name="location"/> are all there and hash to <paramref name="hash"/>.</summary>
    internal static bool PackBytesMatch(PackStore packs, PackLocation location, Multihash hash)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(location.Length);
        try
        {
            var bytes = buffer.AsSpan(0, location.Length);
            return packs.TryRead(location, bytes, out var read) && read == bytes.Length && hash.Matches(bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
