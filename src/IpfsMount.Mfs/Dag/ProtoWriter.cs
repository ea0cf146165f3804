// Minimal protobuf wire-format writer and reader (varint, length-delimited, fixed32) for UnixFS Data.
using System.Buffers.Binary;

namespace IpfsMount.Mfs;

internal sealed class ProtoWriter
{
    private readonly MemoryStream _out = new();

    public void Varint(int field, ulong value)
    {
        RawVarint((ulong)(field << 3));
        RawVarint(value);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        RawVarint((ulong)((field << 3) | 2));
        RawVarint((ulong)value.Length);
        _out.Write(value);
    }

    public void Fixed32(int field, uint value)
    {
        RawVarint((ulong)((field << 3) | 5));
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _out.Write(b);
    }

    public byte[] ToArray() => _out.ToArray();

    private void RawVarint(ulong v)
    {
        while (v >= 0x80)
        {
            _out.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        _out.WriteByte((byte)v);
    }
}

internal struct ProtoReader(ReadOnlyMemory<byte> buffer)
{
    private readonly ReadOnlyMemory<byte> _buf = buffer;
    private int _pos;

    public readonly bool AtEnd => _pos >= _buf.Length;

    public bool Next(out int field, out int wire)
    {
        field = 0;
        wire = 0;
        if (AtEnd) return false;
        ulong key = ReadVarint();
        field = (int)(key >> 3);
        wire = (int)(key & 7);
        if (field == 0) throw Bad("field number 0");
        return true;
    }

    public ulong ReadVarint()
    {
        var span = _buf.Span;
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= span.Length) throw Bad("truncated varint");
            byte b = span[_pos++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return result;
        }
        throw Bad("varint longer than 10 bytes");
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        ulong len = ReadVarint();
        if (len > (ulong)(_buf.Length - _pos)) throw Bad("length-delimited field runs past the end");
        var slice = _buf.Slice(_pos, (int)len);
        _pos += (int)len;
        return slice;
    }

    public uint ReadFixed32()
    {
        if (_buf.Length - _pos < 4) throw Bad("truncated fixed32");
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(_buf.Span.Slice(_pos, 4));
        _pos += 4;
        return v;
    }

    public void Skip(int wire)
    {
        switch (wire)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadBytes(); break;
            case 5: Advance(4); break;
            default: throw Bad($"unsupported wire type {wire}");
        }
    }

    private void Advance(int n)
    {
        if (_buf.Length - _pos < n) throw Bad("truncated field");
        _pos += n;
    }

    private static MfsException Bad(string what) =>
        new(MfsErrorKind.InvalidData, $"invalid UnixFS Data protobuf: {what}");
}
