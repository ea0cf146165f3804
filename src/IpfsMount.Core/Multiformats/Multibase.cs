// Multibase text: one prefix character naming the encoding, then the encoded bytes
// (https://github.com/multiformats/multibase). Decodes b/B, k/K, z, u, f/F.
namespace IpfsMount.Core;

public static class Multibase
{
    public static char Prefix(MultibaseEncoding enc) => enc switch
    {
        MultibaseEncoding.Base32Lower => 'b',
        MultibaseEncoding.Base36Lower => 'k',
        MultibaseEncoding.Base58Btc => 'z',
        MultibaseEncoding.Base64Url => 'u',
        MultibaseEncoding.Base16Lower => 'f',
        _ => throw new ArgumentOutOfRangeException(nameof(enc), enc, "unknown multibase encoding"),
    };

    public static string Encode(ReadOnlySpan<byte> data, MultibaseEncoding enc) =>
        Prefix(enc) + EncodeWithoutPrefix(data, enc);

    /// <summary>The encoded body without the prefix character (e.g. a CIDv0 string is base58btc without 'z').</summary>
    public static string EncodeWithoutPrefix(ReadOnlySpan<byte> data, MultibaseEncoding enc) => enc switch
    {
        MultibaseEncoding.Base32Lower => Rfc4648.Base32Lower.Encode(data),
        MultibaseEncoding.Base36Lower => BaseX.Base36Lower.Encode(data),
        MultibaseEncoding.Base58Btc => BaseX.Base58Btc.Encode(data),
        MultibaseEncoding.Base64Url => Rfc4648.Base64Url.Encode(data),
        MultibaseEncoding.Base16Lower => Rfc4648.Base16Lower.Encode(data),
        _ => throw new ArgumentOutOfRangeException(nameof(enc), enc, "unknown multibase encoding"),
    };

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new InvalidMultibaseException("multibase text is empty");
        var body = text.AsSpan(1);
        return text[0] switch
        {
            'b' => Rfc4648.Base32Lower.Decode(body),
            'B' => Rfc4648.Base32Upper.Decode(body),
            'k' => BaseX.Base36Lower.Decode(body),
            'K' => BaseX.Base36Upper.Decode(body),
            'z' => BaseX.Base58Btc.Decode(body),
            'u' => Rfc4648.Base64Url.Decode(body),
            'f' => Rfc4648.Base16Lower.Decode(body),
            'F' => Rfc4648.Base16Upper.Decode(body),
            _ => throw new InvalidMultibaseException($"unknown multibase prefix {Rfc4648.Describe(text[0])}"),
        };
    }

    public static bool TryDecode(string text, out byte[] data, out string? error)
    {
        try
        {
            data = Decode(text);
            error = null;
            return true;
        }
        catch (InvalidMultibaseException e)
        {
            data = [];
            error = e.Message;
            return false;
        }
    }
}
