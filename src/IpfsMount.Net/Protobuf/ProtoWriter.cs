// Minimal protobuf (proto2/proto3 wire format) writer for the small libp2p messages: varint and length-delimited fields.
// Spec: https://protobuf.dev/programming-guides/encoding/
using System.Buffers;
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Net.Protobuf;

/// <summary>Appends protobuf fields to a growable buffer.</summary>
public sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _out = new(128);

    public int Length => _out.WrittenCount;

    public void WriteVarintField(int field, ulong value)
    {
        WriteRawVarint((ulong)(field << 3));
        WriteRawVarint(value);
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteRawVarint((ulong)((field << 3) | 2));
        WriteRawVarint((ulong)value.Length);
        _out.Write(value);
    }

    public void WriteStringField(int field, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteBytesField(field, bytes);
    }

    private void WriteRawVarint(ulong v)
    {
        var span = _out.GetSpan(10);
        // Protobuf varints may use up to 10 bytes; ours never exceed 63 bits, which Core's Varint covers.
        int n = Varint.Write(span, v);
        _out.Advance(n);
    }

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    public ReadOnlySpan<byte> WrittenSpan => _out.WrittenSpan;
}
