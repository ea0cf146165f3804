// Strict protobuf wire-format reader (protobuf.dev/programming-guides/encoding): bounds-checked varints of at most
// 10 bytes, tags, LEN, I32 and I64 fields. Shared by the UnixFS Data and Bitswap codecs; errors are the caller's.
namespace IpfsMount.Core;

using System.Buffers.Binary;

public ref struct ProtobufReader
{
    public const int WireVarint = 0;
    public const int WireI64 = 1;
    public const int WireLen = 2;
    public const int WireI32 = 5;

    private readonly ReadOnlySpan<byte> _src;
    private readonly string _what;
    private readonly Func<string, Exception> _error;
    private int _pos;

    /// <param name="src">one encoded message</param>
    /// <param name="what">names the message in errors ("UnixFS Data message", "Bitswap message")</param>
    /// <param name="error">builds the caller's domain exception from a full error message</param>
    public ProtobufReader(ReadOnlySpan<byte> src, string what, Func<string, Exception> error)
    {
        _src = src;
        _what = what;
        _error = error;
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
            {
                throw Fail("truncated varint");
            }

            if (i == 10)
            {
                throw Fail("varint longer than 10 bytes");
            }

            byte b = _src[_pos++];
            if (i == 9 && b > 1)
            {
                throw Fail("varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }

    /// <summary>A field key: field number (1 … int.MaxValue) and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        if (tag >> 3 == 0 || tag >> 3 > int.MaxValue)
        {
            throw Fail($"invalid field number in tag 0x{tag:x}");
        }

        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var (offset, length) = ReadLengthDelimitedRange();
        return _src.Slice(offset, length);
    }

    /// <summary>A LEN field as its (offset, length) in the message, for callers that slice a Memory.</summary>
    public (int Offset, int Length) ReadLengthDelimitedRange()
    {
        ulong len = ReadVarint();
        if (len > (ulong)(_src.Length - _pos))
        {
            throw Fail($"length {len} runs past the end of the message");
        }

        var offset = _pos;
        _pos += (int)len;
        return (offset, (int)len);
    }

    public uint ReadFixed32()
    {
        Require(4, "fixed32");
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(_src[_pos..]);
        _pos += 4;
        return v;
    }

    /// <summary>Skips the value of a field of any supported wire type.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint: ReadVarint(); break;
            case WireI64: Require(8, "fixed64"); _pos += 8; break;
            case WireLen: ReadLengthDelimitedRange(); break;
            case WireI32: Require(4, "fixed32"); _pos += 4; break;
            default: throw Fail($"wire type {wireType} is not supported");
        }
    }

    public readonly void Expect(int field, int wireType, int expected)
    {
        if (wireType != expected)
        {
            throw Fail($"field {field} has wire type {wireType}, expected {expected}");
        }
    }

    /// <summary>The caller's exception for <paramref name="reason"/>, naming the message and the byte offset.</summary>
    public readonly Exception Fail(string reason) => _error($"Invalid {_what}: {reason} (at byte {_pos}).");

    private readonly void Require(int n, string what)
    {
        if (_src.Length - _pos < n)
        {
            throw Fail($"truncated {what}");
        }
    }
}
