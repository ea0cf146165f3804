// Protobuf wire-format writer (protobuf.dev/programming-guides/encoding) into a caller-sized span: sizes are computed
// first with the static helpers, then every field is written once. Shared by the UnixFS and Bitswap codecs.
namespace IpfsMount.Core;

using System.Buffers.Binary;

public ref struct ProtobufWriter
{
    private readonly Span<byte> _dest;
    private int _pos;

    public ProtobufWriter(Span<byte> dest)
    {
        _dest = dest;
        _pos = 0;
    }

    public readonly int Position => _pos;

    public static int VarintSize(ulong v) => ProtoVarint.Size(v);

    public static int TagSize(int field) => VarintSize((ulong)field << 3);

    public static int VarintFieldSize(int field, ulong v) => TagSize(field) + VarintSize(v);

    /// <summary>Size of a key plus a length-delimited payload of <paramref name="length"/> bytes.</summary>
    public static int BytesFieldSize(int field, int length) => TagSize(field) + VarintSize((ulong)length) + length;

    public void WriteVarint(ulong v) => _pos += ProtoVarint.Write(_dest[_pos..], v);

    public void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    public void WriteVarintField(int field, ulong v)
    {
        WriteTag(field, ProtobufReader.WireVarint);
        WriteVarint(v);
    }

    /// <summary>Key and length of a LEN field whose payload the caller writes next.</summary>
    public void WriteLenHeader(int field, int length)
    {
        WriteTag(field, ProtobufReader.WireLen);
        WriteVarint((ulong)length);
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> bytes)
    {
        WriteLenHeader(field, bytes.Length);
        bytes.CopyTo(_dest[_pos..]);
        _pos += bytes.Length;
    }

    public void WriteFixed32Field(int field, uint v)
    {
        WriteTag(field, ProtobufReader.WireI32);
        BinaryPrimitives.WriteUInt32LittleEndian(_dest[_pos..], v);
        _pos += 4;
    }

    /// <summary>The next <paramref name="n"/> bytes, for a payload written in place (a CID).</summary>
    public Span<byte> Reserve(int n)
    {
        var s = _dest.Slice(_pos, n);
        _pos += n;
        return s;
    }
}
