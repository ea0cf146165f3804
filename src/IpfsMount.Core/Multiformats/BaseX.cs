// Big-number radix codec for base58btc and base36 as multibase uses them: each leading zero byte is
// written as the alphabet's first character; the rest is the number in the radix (base-x convention).
namespace IpfsMount.Core;

internal sealed class BaseX
{
    /// <summary>Decoding is quadratic; longer text is refused (CIDs, peer IDs and keys are far shorter).</summary>
    public const int MaxDecodeChars = 8192;

    public static readonly BaseX Base58Btc = new("base58btc", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");
    public static readonly BaseX Base36Lower = new("base36", "0123456789abcdefghijklmnopqrstuvwxyz");
    public static readonly BaseX Base36Upper = new("base36upper", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private readonly string _name;
    private readonly string _alphabet;
    private readonly int _radix;
    private readonly sbyte[] _values = new sbyte[128];
    private readonly double _charsPerByte;

    private BaseX(string name, string alphabet)
    {
        _name = name;
        _alphabet = alphabet;
        _radix = alphabet.Length;
        _charsPerByte = Math.Log(256) / Math.Log(_radix);
        Array.Fill(_values, (sbyte)-1);
        for (int i = 0; i < alphabet.Length; i++) _values[alphabet[i]] = (sbyte)i;
    }

    public string Encode(ReadOnlySpan<byte> data)
    {
        int zeros = 0;
        while (zeros < data.Length && data[zeros] == 0) zeros++;
        int size = (int)((data.Length - zeros) * _charsPerByte) + 1;
        byte[]? rented = null;
        Span<byte> digits = size <= 256 ? stackalloc byte[size] : (rented = new byte[size]);
        digits.Clear();
        int length = 0; // significant digits, stored from the end of `digits`
        for (int i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            int j = 0;
            for (int k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % _radix);
                carry /= _radix;
            }
            length = j;
        }
        var chars = new char[zeros + length];
        chars.AsSpan(0, zeros).Fill(_alphabet[0]);
        for (int i = 0; i < length; i++) chars[zeros + i] = _alphabet[digits[size - length + i]];
        return new string(chars);
    }

    public byte[] Decode(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxDecodeChars)
            throw new InvalidMultibaseException($"{_name} text is too long ({text.Length} characters; at most {MaxDecodeChars})");
        int zeros = 0;
        while (zeros < text.Length && text[zeros] == _alphabet[0]) zeros++;
        int size = (int)((text.Length - zeros) / _charsPerByte) + 1;
        var bytes = new byte[size];
        int length = 0;
        for (int i = zeros; i < text.Length; i++)
        {
            char c = text[i];
            int carry = c < 128 ? _values[c] : -1;
            if (carry < 0) throw new InvalidMultibaseException($"invalid {_name} character {Rfc4648.Describe(c)} at position {i}");
            int j = 0;
            for (int k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += _radix * bytes[k];
                bytes[k] = (byte)carry;
                carry >>= 8;
            }
            length = j;
        }
        var result = new byte[zeros + length];
        bytes.AsSpan(size - length, length).CopyTo(result.AsSpan(zeros));
        return result;
    }
}
