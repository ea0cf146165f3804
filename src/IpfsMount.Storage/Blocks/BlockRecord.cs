// Value format of the `blocks` column family (DESIGN.md, "blocks"): legacy inline `varint(codec) ‖ bytes` (codec ≠ 0),
// or tagged `0x00 ‖ kind ‖ …`: kind 1 = pack pointer varint(codec, pack, offset, length); kind 2 = inline (codec 0).
namespace IpfsMount.Storage;

using IpfsMount.Core;
using RocksDbSharp;

internal static class BlockRecord
{
    public const byte Tag = 0x00;
    public const byte KindPack = 0x01;
    public const byte KindInline = 0x02;

    private static readonly byte[] DagPbPrefix = Varint.Encode(Multicodec.DagPb);
    private static readonly byte[] RawPrefix = Varint.Encode(Multicodec.Raw);
    private static readonly byte[] TaggedInlinePrefix = [Tag, KindInline, 0x00];

    public static byte[] Key(Cid cid) => cid.Hash.ToBytes();

    /// <summary>The prefix of an inline value: varint(codec), shared for the usual codecs (no allocation per block);
    /// codec 0 (identity) would read as a tag, so it gets the tagged inline form.</summary>
    public static byte[] Prefix(ulong codec) => codec switch
    {
        Multicodec.DagPb => DagPbPrefix,
        Multicodec.Raw => RawPrefix,
        0 => TaggedInlinePrefix,
        _ => Varint.Encode(codec),
    };

    /// <summary>Adds an inline record to a write batch as two slices (prefix, data): RocksDB copies the bytes once.</summary>
    public static void AddInline(WriteBatch batch, Cid cid, ReadOnlyMemory<byte> data, ColumnFamilyHandle cf) =>
        batch.PutVector(cf, Key(cid), [Prefix(cid.Codec), data]);

    public static byte[] EncodeInline(ulong codec, ReadOnlySpan<byte> data)
    {
        var prefix = Prefix(codec);
        var value = new byte[prefix.Length + data.Length];
        prefix.CopyTo(value, 0);
        data.CopyTo(value.AsSpan(prefix.Length));
        return value;
    }

    public static byte[] EncodePack(ulong codec, PackLocation location)
    {
        Span<byte> buffer = stackalloc byte[2 + 4 * 10];
        buffer[0] = Tag;
        buffer[1] = KindPack;
        var n = 2;
        n += Varint.Write(buffer[n..], codec);
        n += Varint.Write(buffer[n..], location.Pack);
        n += Varint.Write(buffer[n..], (ulong)location.Offset);
        n += Varint.Write(buffer[n..], (ulong)location.Length);
        return buffer[..n].ToArray();
    }

    /// <summary>Decodes a stored value: its codec, and either the offset of inline bytes in the value or where its
    /// bytes are in a pack. False for a malformed value (bad varint, unknown tag kind, impossible location).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out ulong codec, out int inlineOffset, out PackLocation? pack)
    {
        codec = 0;
        inlineOffset = 0;
        pack = null;
        if (value.Length >= 2 && value[0] == Tag)
        {
            return value[1] switch
            {
                KindInline => TryReadVarint(value, 2, out codec, out inlineOffset),
                KindPack => TryDecodePack(value, out codec, out pack),
                _ => false,
            };
        }

        return TryReadVarint(value, 0, out codec, out inlineOffset);
    }

    private static bool TryDecodePack(ReadOnlySpan<byte> value, out ulong codec, out PackLocation? pack)
    {
        pack = null;
        if (!TryReadVarint(value, 2, out codec, out var n)
            || !TryReadVarint(value, n, out var id, out n)
            || !TryReadVarint(value, n, out var offset, out n)
            || !TryReadVarint(value, n, out var length, out n)
            || n != value.Length || id > uint.MaxValue || offset > long.MaxValue / 2 || length > int.MaxValue)
        {
            return false;
        }

        pack = new PackLocation((uint)id, (long)offset, (int)length);
        return true;
    }

    /// <summary>Reads a varint at <paramref name="start"/>; <paramref name="end"/> is the offset just after it.</summary>
    private static bool TryReadVarint(ReadOnlySpan<byte> value, int start, out ulong v, out int end)
    {
        end = start;
        if (!Varint.TryRead(value[start..], out v, out var n))
        {
            return false;
        }

        end = start + n;
        return true;
    }
}
