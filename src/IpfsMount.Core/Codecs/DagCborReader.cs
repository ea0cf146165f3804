// Strict dag-cbor decoder (https://ipld.io/specs/codecs/dag-cbor/spec/#strictness): rejects non-minimal heads,
// indefinite lengths, non-text or unsorted/duplicate map keys, tags other than 42, undefined, and non-64-bit floats.
using System.Buffers.Binary;
using System.Text;

namespace IpfsMount.Core;

internal ref struct DagCborReader(ReadOnlySpan<byte> data)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public CborValue ReadValue(int depth)
    {
        if (depth > DagCbor.MaxDepth) throw Error($"nesting is deeper than {DagCbor.MaxDepth}");
        int start = Position;
        if (Position >= _data.Length) throw Error("data is truncated");
        byte initial = _data[Position];
        int major = initial >> 5;
        if (major == 7) return ReadSimple(initial);
        ulong arg = ReadArgument();
        switch (major)
        {
            case 0:
                return CborValue.Unsigned(arg);
            case 1:
                return CborValue.Negative(arg);
            case 2:
                return CborValue.FromOwnedBytes(ReadSpan(arg, "byte string").ToArray());
            case 3:
                return CborValue.FromValidText(ReadText(arg));
            case 4:
            {
                CheckCount(arg, "list");
                var items = new CborValue[(int)arg];
                for (int i = 0; i < items.Length; i++) items[i] = ReadValue(depth + 1);
                return CborValue.FromListItems(items);
            }
            case 5:
                return ReadMap(arg, depth);
            default:
                if (arg != 42) throw Error($"tag {arg} at offset {start} is not allowed (only tag 42 for CIDs)");
                return ReadLink(start);
        }
    }

    private CborValue ReadSimple(byte initial)
    {
        int start = Position++;
        switch (initial & 31)
        {
            case 20:
                return CborValue.False;
            case 21:
                return CborValue.True;
            case 22:
                return CborValue.Null;
            case 23:
                throw Error($"undefined at offset {start} is not allowed");
            case 25:
            case 26:
                throw Error($"float at offset {start} must be encoded in 64 bits");
            case 27:
            {
                var bits = BinaryPrimitives.ReadUInt64BigEndian(ReadSpan(8, "float64"));
                if (!double.IsFinite(BitConverter.Int64BitsToDouble((long)bits)))
                    throw Error($"float at offset {start} is NaN or infinite");
                return CborValue.FromFloatBits(bits);
            }
            case 31:
                throw Error($"unexpected break (0xff) at offset {start}");
            default:
                throw Error($"simple value 0x{initial:x2} at offset {start} is not allowed");
        }
    }

    private CborValue ReadMap(ulong count, int depth)
    {
        CheckCount(count, "map");
        var entries = new CborValue.MapEntry[(int)count];
        for (int i = 0; i < entries.Length; i++)
        {
            int keyStart = Position;
            if (Position >= _data.Length) throw Error("data is truncated");
            if (_data[Position] >> 5 != 3) throw Error($"map key at offset {keyStart} is not a text string");
            ulong keyLength = ReadArgument();
            var keyBytes = ReadSpan(keyLength, "map key");
            string key = Utf8(keyBytes, keyStart);
            if (i > 0)
            {
                int order = CborValue.CompareKeys(entries[i - 1].KeyUtf8, keyBytes);
                if (order == 0) throw Error($"duplicate map key '{key}' at offset {keyStart}");
                if (order > 0) throw Error($"map key '{key}' at offset {keyStart} is out of canonical order (shorter keys first, then bytewise)");
            }
            entries[i] = new CborValue.MapEntry(key, keyBytes.ToArray(), ReadValue(depth + 1));
        }
        return CborValue.FromSortedEntries(entries);
    }

    private CborValue ReadLink(int start)
    {
        if (Position >= _data.Length) throw Error("data is truncated");
        if (_data[Position] >> 5 != 2) throw Error($"tag 42 at offset {start} must wrap a byte string");
        var bytes = ReadSpan(ReadArgument(), "CID");
        if (bytes.Length == 0 || bytes[0] != 0x00)
            throw Error($"CID at offset {start} must start with the 0x00 multibase-identity prefix");
        try
        {
            return CborValue.Link(Cid.FromBytes(bytes[1..]));
        }
        catch (IpfsFormatException e)
        {
            throw new InvalidBlockException($"invalid dag-cbor: CID at offset {start}: {e.Message}", e);
        }
    }

    private ulong ReadArgument()
    {
        int start = Position;
        int info = _data[Position++] & 31;
        if (info < 24) return (ulong)info;
        if (info == 31) throw Error($"indefinite length at offset {start} is not allowed");
        if (info > 27) throw Error($"reserved additional information {info} at offset {start}");
        int size = 1 << (info - 24);
        var raw = ReadSpan((ulong)size, "header");
        ulong v = size switch
        {
            1 => raw[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(raw),
            4 => BinaryPrimitives.ReadUInt32BigEndian(raw),
            _ => BinaryPrimitives.ReadUInt64BigEndian(raw),
        };
        ulong min = size switch { 1 => 24, 2 => 0x100, 4 => 0x10000, _ => 0x100000000 };
        if (v < min) throw Error($"value {v} at offset {start} is not minimally encoded");
        return v;
    }

    private ReadOnlySpan<byte> ReadSpan(ulong length, string what)
    {
        int remaining = _data.Length - Position;
        if (length > (ulong)remaining)
            throw Error($"{what} at offset {Position} needs {length} bytes but {remaining} remain");
        var span = _data.Slice(Position, (int)length);
        Position += (int)length;
        return span;
    }

    private string ReadText(ulong length)
    {
        int start = Position;
        return Utf8(ReadSpan(length, "text string"), start);
    }

    private void CheckCount(ulong count, string what)
    {
        // Every element takes at least one byte; a larger count cannot be satisfied by the remaining data.
        if (count > (ulong)(_data.Length - Position))
            throw Error($"{what} at offset {Position} declares {count} elements but only {_data.Length - Position} bytes remain");
    }

    private static string Utf8(ReadOnlySpan<byte> bytes, int offset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidBlockException($"invalid dag-cbor: text at offset {offset} is not valid UTF-8", e);
        }
    }

    private static InvalidBlockException Error(string message) => new("invalid dag-cbor: " + message);
}
