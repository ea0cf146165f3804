// Minimal strict protobuf wire-format reader: bounds-checked varints (max 10 bytes), tags and
// length-delimited fields. Errors are InvalidUnixFsException naming the message being decoded.
namespace IpfsMount.UnixFs;

internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _src;
    private readonly string _what;
    private int _pos;

    public ProtobufReader(ReadOnlySpan<byte> src, string what)
    {
        _src = src;
        _what = what;
        _pos = 0;
    }

    public readonly bool AtEnd => _pos >= _src.Length;

    public readonly int Position => _pos;

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0, i = 0; ; shift += 7, i++)
        {
            if (_pos >= _src.Length)
                throw Fail("truncated varint");
            if (i == 10)
                throw Fail("varint longer than 10 bytes");
            byte b = _src[_pos++];
            if (i == 9 && b > 1)
                throw Fail("varint overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }
    }

    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        int field = (int)(tag >> 3);
        if (field == 0 || tag >> 3 > int.MaxValue)
            throw Fail($"invalid field number in tag 0x{tag:x}");
        return (field, (int)(tag & 7));
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        ulong len = ReadVarint();
        if (len > (ulong)(_src.Length - _pos))
            throw Fail($"length {len} runs past the end of the message");
        var slice = _src.Slice(_pos, (int)len);
        _pos += (int)len;
        return slice;
    }

    public uint ReadFixed32()
    {
        if (_src.Length - _pos < 4)
            throw Fail("truncated fixed32");
        uint v = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_src[_pos..]);
        _pos += 4;
        return v;
    }

    public readonly InvalidUnixFsException Fail(string reason) =>
        new($"Invalid {_what}: {reason} (at byte {_pos}).");
}
