// Minimal protobuf wire-format writer into a caller-sized span (sizes are computed first, then written once).
namespace IpfsMount.Net.Bitswap;

internal ref struct ProtobufWriter(Span<byte> dest)
{
    private readonly Span<byte> _dest = dest;
    private int _pos;

    public readonly int Position => _pos;

    public static int VarintSize(ulong v)
    {
        var n = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            n++;
        }
        return n;
    }

    /// <summary>Size of a key plus a length-delimited payload of <paramref name="length"/> bytes.</summary>
    public static int LenFieldSize(int field, int length) =>
        VarintSize((ulong)(field << 3)) + VarintSize((ulong)length) + length;

    public static int VarintFieldSize(int field, ulong value) => VarintSize((ulong)(field << 3)) + VarintSize(value);

    public void WriteVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _dest[_pos++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _dest[_pos++] = (byte)v;
    }

    public void WriteVarintField(int field, ulong value)
    {
        WriteVarint((ulong)(field << 3) | ProtobufReader.WireVarint);
        WriteVarint(value);
    }

    public void WriteLenHeader(int field, int length)
    {
        WriteVarint((ulong)(field << 3) | ProtobufReader.WireLen);
        WriteVarint((ulong)length);
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> bytes)
    {
        WriteLenHeader(field, bytes.Length);
        bytes.CopyTo(_dest[_pos..]);
        _pos += bytes.Length;
    }

    public Span<byte> Reserve(int n)
    {
        var s = _dest.Slice(_pos, n);
        _pos += n;
        return s;
    }
}
