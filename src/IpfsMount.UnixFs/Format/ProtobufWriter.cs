// Minimal protobuf wire-format writer (developers.google.com/protocol-buffers/docs/encoding): varint and
// length-delimited fields into a caller-sized span. Used for UnixFS Data and hand-built leaf blocks.
namespace IpfsMount.UnixFs;

internal ref struct ProtobufWriter
{
    private readonly Span<byte> _dest;
    private int _pos;

    public ProtobufWriter(Span<byte> dest)
    {
        _dest = dest;
        _pos = 0;
    }

    public readonly int Position => _pos;

    public static int VarintSize(ulong v)
    {
        int n = 1;
        while (v >= 0x80) { v >>= 7; n++; }
        return n;
    }

    public static int TagSize(int field) => VarintSize((ulong)field << 3);

    public static int VarintFieldSize(int field, ulong v) => TagSize(field) + VarintSize(v);

    public static int BytesFieldSize(int field, int length) => TagSize(field) + VarintSize((ulong)length) + length;

    public void WriteVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _dest[_pos++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _dest[_pos++] = (byte)v;
    }

    public void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    public void WriteVarintField(int field, ulong v)
    {
        WriteTag(field, 0);
        WriteVarint(v);
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> bytes)
    {
        WriteTag(field, 2);
        WriteVarint((ulong)bytes.Length);
        bytes.CopyTo(_dest[_pos..]);
        _pos += bytes.Length;
    }

    public void WriteFixed32Field(int field, uint v)
    {
        WriteTag(field, 5);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_dest[_pos..], v);
        _pos += 4;
    }
}
