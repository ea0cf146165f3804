// Minimal protobuf wire-format reader (protobuf encoding: varint, LEN, I32, I64) used by the Bitswap codec.
namespace IpfsMount.Net.Bitswap;

internal ref struct ProtobufReader
{
    public const int WireVarint = 0;
    public const int WireI64 = 1;
    public const int WireLen = 2;
    public const int WireI32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public ProtobufReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly int Position => _pos;

    public readonly bool End => _pos >= _data.Length;

    /// <summary>Reads a field key; returns field number and wire type.</summary>
    public (int Field, int WireType) ReadKey()
    {
        var key = ReadVarint();
        var field = key >> 3;
        if (field == 0 || field > int.MaxValue)
            throw new InvalidBitswapMessageException($"protobuf field number {field} is invalid");
        return ((int)field, (int)(key & 7));
    }

    public ulong ReadVarint()
    {
        ulong v = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_pos >= _data.Length)
                throw new InvalidBitswapMessageException("protobuf varint runs past the end of the message");
            var b = _data[_pos++];
            if (shift == 63 && b > 1)
                throw new InvalidBitswapMessageException("protobuf varint overflows 64 bits");
            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return v;
        }
        throw new InvalidBitswapMessageException("protobuf varint is longer than 10 bytes");
    }

    /// <summary>Reads a length-delimited field and returns its (offset, length) within the data.</summary>
    public (int Offset, int Length) ReadLengthDelimited()
    {
        var len = ReadVarint();
        if (len > (ulong)(_data.Length - _pos))
            throw new InvalidBitswapMessageException($"protobuf field of {len} bytes runs past the end of the message");
        var offset = _pos;
        _pos += (int)len;
        return (offset, (int)len);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint: ReadVarint(); break;
            case WireI64: Advance(8); break;
            case WireLen: ReadLengthDelimited(); break;
            case WireI32: Advance(4); break;
            default: throw new InvalidBitswapMessageException($"protobuf wire type {wireType} is not supported");
        }
    }

    public static void Expect(int field, int wireType, int expected)
    {
        if (wireType != expected)
            throw new InvalidBitswapMessageException($"protobuf field {field} has wire type {wireType}, expected {expected}");
    }

    private void Advance(int n)
    {
        if (_data.Length - _pos < n)
            throw new InvalidBitswapMessageException("protobuf fixed-size field runs past the end of the message");
        _pos += n;
    }
}
