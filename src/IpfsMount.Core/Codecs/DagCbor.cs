// dag-cbor codec (https://ipld.io/specs/codecs/dag-cbor/spec/): canonical CBOR with minimal lengths, no indefinite
// lengths, text-keyed maps in length-first order, 64-bit floats only, and CIDs as tag 42 over 0x00 + CID bytes.
using System.Buffers.Binary;
using System.Text;

namespace IpfsMount.Core;

public static class DagCbor
{
    /// <summary>Deepest nesting of lists/maps the decoder accepts.</summary>
    public const int MaxDepth = 128;

    private const int TagCid = 42;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static byte[] Encode(CborValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new byte[EncodedLength(value)];
        int n = Write(value, result);
        System.Diagnostics.Debug.Assert(n == result.Length);
        return result;
    }

    public static int EncodedLength(CborValue value) => value.Kind switch
    {
        CborKind.Null or CborKind.Bool => 1,
        CborKind.Integer => HeaderSize(value.RawBits),
        CborKind.Float => 9,
        CborKind.Text => Sized(StrictUtf8.GetByteCount(value.AsText())),
        CborKind.Bytes => Sized(value.ByteArray.Length),
        CborKind.Link => 2 + Sized(1 + value.AsLink().EncodedLength),
        CborKind.List => ListLength(value.ListItems),
        _ => MapLength(value.MapEntries),
    };

    /// <summary>Every CID linked from <paramref name="value"/>, in encoded order (map entries in canonical order).</summary>
    public static void CollectLinks(CborValue value, ICollection<Cid> into)
    {
        switch (value.Kind)
        {
            case CborKind.Link:
                into.Add(value.AsLink());
                break;
            case CborKind.List:
                foreach (var item in value.ListItems) CollectLinks(item, into);
                break;
            case CborKind.Map:
                foreach (var entry in value.MapEntries) CollectLinks(entry.Value, into);
                break;
        }
    }

    public static CborValue Decode(ReadOnlyMemory<byte> block)
    {
        var reader = new DagCborReader(block.Span);
        var value = reader.ReadValue(0);
        if (reader.Position != block.Length)
            throw new InvalidBlockException($"invalid dag-cbor: {block.Length - reader.Position} trailing bytes after the value at offset {reader.Position}");
        return value;
    }

    private static int Sized(int length) => HeaderSize((ulong)length) + length;

    private static int ListLength(CborValue[] items)
    {
        int total = HeaderSize((ulong)items.Length);
        foreach (var item in items) total += EncodedLength(item);
        return total;
    }

    private static int MapLength(CborValue.MapEntry[] entries)
    {
        int total = HeaderSize((ulong)entries.Length);
        foreach (var e in entries) total += Sized(e.KeyUtf8.Length) + EncodedLength(e.Value);
        return total;
    }

    internal static int HeaderSize(ulong v) => v < 24 ? 1 : v <= 0xFF ? 2 : v <= 0xFFFF ? 3 : v <= 0xFFFFFFFF ? 5 : 9;

    private static int WriteHeader(Span<byte> dest, int major, ulong v)
    {
        byte m = (byte)(major << 5);
        if (v < 24)
        {
            dest[0] = (byte)(m | (byte)v);
            return 1;
        }
        if (v <= 0xFF)
        {
            dest[0] = (byte)(m | 24);
            dest[1] = (byte)v;
            return 2;
        }
        if (v <= 0xFFFF)
        {
            dest[0] = (byte)(m | 25);
            BinaryPrimitives.WriteUInt16BigEndian(dest[1..], (ushort)v);
            return 3;
        }
        if (v <= 0xFFFFFFFF)
        {
            dest[0] = (byte)(m | 26);
            BinaryPrimitives.WriteUInt32BigEndian(dest[1..], (uint)v);
            return 5;
        }
        dest[0] = (byte)(m | 27);
        BinaryPrimitives.WriteUInt64BigEndian(dest[1..], v);
        return 9;
    }

    private static int Write(CborValue value, Span<byte> dest)
    {
        switch (value.Kind)
        {
            case CborKind.Null:
                dest[0] = 0xf6;
                return 1;
            case CborKind.Bool:
                dest[0] = value.AsBool() ? (byte)0xf5 : (byte)0xf4;
                return 1;
            case CborKind.Integer:
                return WriteHeader(dest, value.RawNegative ? 1 : 0, value.RawBits);
            case CborKind.Float:
                dest[0] = 0xfb;
                BinaryPrimitives.WriteUInt64BigEndian(dest[1..], value.RawBits);
                return 9;
            case CborKind.Text:
            {
                string text = value.AsText();
                int n = WriteHeader(dest, 3, (ulong)StrictUtf8.GetByteCount(text));
                return n + StrictUtf8.GetBytes(text, dest[n..]);
            }
            case CborKind.Bytes:
                return WriteBytes(dest, 2, value.ByteArray);
            case CborKind.Link:
            {
                var cid = value.AsLink();
                int n = WriteHeader(dest, 6, TagCid);
                n += WriteHeader(dest[n..], 2, (ulong)(1 + cid.EncodedLength));
                dest[n++] = 0x00;
                return n + cid.WriteTo(dest[n..]);
            }
            case CborKind.List:
            {
                var items = value.ListItems;
                int n = WriteHeader(dest, 4, (ulong)items.Length);
                foreach (var item in items) n += Write(item, dest[n..]);
                return n;
            }
            default:
            {
                var entries = value.MapEntries;
                int n = WriteHeader(dest, 5, (ulong)entries.Length);
                foreach (var e in entries)
                {
                    n += WriteBytes(dest[n..], 3, e.KeyUtf8);
                    n += Write(e.Value, dest[n..]);
                }
                return n;
            }
        }
    }

    private static int WriteBytes(Span<byte> dest, int major, ReadOnlySpan<byte> bytes)
    {
        int n = WriteHeader(dest, major, (ulong)bytes.Length);
        bytes.CopyTo(dest[n..]);
        return n + bytes.Length;
    }
}
