// Value format of the `blocks` column family: varint(codec) then the block bytes (DESIGN.md, "blocks").
namespace IpfsMount.Storage;

using IpfsMount.Core;
using RocksDbSharp;

internal static class BlockRecord
{
    private static readonly byte[] DagPbPrefix = Varint.Encode(Multicodec.DagPb);
    private static readonly byte[] RawPrefix = Varint.Encode(Multicodec.Raw);

    public static byte[] Key(Cid cid) => cid.Hash.ToBytes();

    /// <summary>varint(codec), shared for the two codecs almost every block has (no allocation per block).</summary>
    public static byte[] Prefix(ulong codec) => codec switch
    {
        Multicodec.DagPb => DagPbPrefix,
        Multicodec.Raw => RawPrefix,
        _ => Varint.Encode(codec),
    };

    /// <summary>Adds the record of a block to a write batch as two slices (prefix, data): RocksDB copies the bytes
    /// once, into the batch, with no intermediate value buffer.</summary>
    public static void AddTo(WriteBatch batch, Cid cid, ReadOnlyMemory<byte> data, ColumnFamilyHandle cf) =>
        batch.PutVector(cf, Key(cid), [Prefix(cid.Codec), data]);

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
