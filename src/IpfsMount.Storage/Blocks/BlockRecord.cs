// Value format of the `blocks` column family: varint(codec) then the block bytes (DESIGN.md, "blocks").
namespace IpfsMount.Storage;

using IpfsMount.Core;

internal static class BlockRecord
{
    public static byte[] Key(Cid cid) => cid.Hash.ToBytes();

    public static byte[] Encode(ulong codec, ReadOnlySpan<byte> data)
    {
        var value = new byte[Varint.Size(codec) + data.Length];
        var n = Varint.Write(value, codec);
        data.CopyTo(value.AsSpan(n));
        return value;
    }

    /// <summary>Splits a stored value into its codec and data; false when the prefix is not a valid varint.</summary>
    public static bool TryDecode(byte[] value, out ulong codec, out ReadOnlyMemory<byte> data)
    {
        if (!Varint.TryRead(value, out codec, out var n))
        {
            data = default;
            return false;
        }

        data = value.AsMemory(n);
        return true;
    }
}
