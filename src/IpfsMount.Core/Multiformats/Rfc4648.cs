// Bit-packing codec shared by base16, base32 and base64url as multibase uses them: RFC 4648 alphabets,
// no padding, strict decoding (unknown characters, impossible lengths and non-zero trailing bits are errors).
namespace IpfsMount.Core;

internal sealed class Rfc4648
{
    public static readonly Rfc4648 Base16Lower = new("base16", "0123456789abcdef", 4);
    public static readonly Rfc4648 Base16Upper = new("base16upper", "0123456789ABCDEF", 4);
    public static readonly Rfc4648 Base32Lower = new("base32", "abcdefghijklmnopqrstuvwxyz234567", 5);
    public static readonly Rfc4648 Base32Upper = new("base32upper", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5);
    public static readonly Rfc4648 Base64Url = new("base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 6);

    private readonly string _name;
    private readonly string _alphabet;
    private readonly int _bitsPerChar;
    private readonly sbyte[] _values = new sbyte[128];

    private Rfc4648(string name, string alphabet, int bitsPerChar)
    {
        _name = name;
        _alphabet = alphabet;
        _bitsPerChar = bitsPerChar;
        Array.Fill(_values, (sbyte)-1);
        for (int i = 0; i < alphabet.Length; i++) _values[alphabet[i]] = (sbyte)i;
    }

    public int EncodedLength(int byteCount) => (int)(((long)byteCount * 8 + _bitsPerChar - 1) / _bitsPerChar);

    /// <summary>Writes the encoding of <paramref name="data"/> into <paramref name="dest"/>; returns chars written.</summary>
    public int Encode(ReadOnlySpan<byte> data, Span<char> dest)
    {
        int mask = (1 << _bitsPerChar) - 1;
        int buffer = 0, bits = 0, o = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= _bitsPerChar)
            {
                bits -= _bitsPerChar;
                dest[o++] = _alphabet[(buffer >> bits) & mask];
            }
        }
        if (bits > 0) dest[o++] = _alphabet[(buffer << (_bitsPerChar - bits)) & mask];
        return o;
    }

    public string Encode(ReadOnlySpan<byte> data)
    {
        int len = EncodedLength(data.Length);
        char[] chars = new char[len];
        Encode(data, chars);
        return new string(chars);
    }

    public byte[] Decode(ReadOnlySpan<char> text)
    {
        var result = new byte[(int)((long)text.Length * _bitsPerChar / 8)];
        int buffer = 0, bits = 0, o = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int v = c < 128 ? _values[c] : -1;
            if (v < 0) throw new InvalidMultibaseException($"invalid {_name} character {Describe(c)} at position {i}");
            buffer = (buffer << _bitsPerChar) | v;
            bits += _bitsPerChar;
            if (bits >= 8)
            {
                bits -= 8;
                result[o++] = (byte)(buffer >> bits);
            }
        }
        if (bits >= _bitsPerChar || ((buffer << (8 - bits)) & 0xFF) != 0)
            throw new InvalidMultibaseException(
                $"{_name} text of {text.Length} characters has an impossible length or non-zero trailing bits");
        return result;
    }

    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c > 126 ? $"U+{(int)c:X4}" : $"'{c}'";
}
