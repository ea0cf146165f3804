// Minimal protobuf wire-format reader: iterates fields of a message, skipping unknown ones.
// Spec: https://protobuf.dev/programming-guides/encoding/
namespace IpfsMount.Net.Protobuf;

/// <summary>Forward-only reader over one protobuf message.</summary>
public ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
        FieldNumber = 0;
        WireType = 0;
    }

    public int FieldNumber { get; private set; }
    public int WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (_pos >= _data.Length) return false;
        ulong key = ReadRawVarint();
        FieldNumber = (int)(key >> 3);
        WireType = (int)(key & 7);
        if (FieldNumber == 0) throw new InvalidProtobufException("field number 0 is not allowed");
        return true;
    }

    public ulong ReadVarint()
    {
        Expect(0);
        return ReadRawVarint();
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        Expect(2);
        ulong len = ReadRawVarint();
        if (len > (ulong)(_data.Length - _pos))
            throw new InvalidProtobufException($"length-delimited field {FieldNumber} claims {len} bytes but only {_data.Length - _pos} remain");
        var result = _data.Slice(_pos, (int)len);
        _pos += (int)len;
        return result;
    }

    public string ReadString()
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(ReadBytes());
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidProtobufException($"field {FieldNumber} is not valid UTF-8");
        }
    }

    /// <summary>Skips the value of the current field.</summary>
    public void Skip()
    {
        switch (WireType)
        {
            case 0: ReadRawVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadBytes(); break;
            case 5: Advance(4); break;
            default: throw new InvalidProtobufException($"unsupported wire type {WireType} in field {FieldNumber}");
        }
    }

    private void Advance(int n)
    {
        if (_data.Length - _pos < n) throw new InvalidProtobufException("message is truncated");
        _pos += n;
    }

    private void Expect(int wireType)
    {
        if (WireType != wireType)
            throw new InvalidProtobufException($"field {FieldNumber} has wire type {WireType}, expected {wireType}");
    }

    private ulong ReadRawVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length) throw new InvalidProtobufException("varint is truncated");
            byte b = _data[_pos++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidProtobufException("varint is longer than 10 bytes");
    }
}
