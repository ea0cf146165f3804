// RFC 4648 base32 without padding and without a multibase prefix; lower case is canonical.
namespace IpfsMount.Core;

public static class Base32
{
    public static string EncodeLower(ReadOnlySpan<byte> data) => Rfc4648.Base32Lower.Encode(data);

    /// <summary>Decodes lower-case text, or all-upper-case text (mixed case is rejected).</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (char c in text)
        {
            if (c is >= 'a' and <= 'z') return Rfc4648.Base32Lower.Decode(text);
            if (c is >= 'A' and <= 'Z') return Rfc4648.Base32Upper.Decode(text);
        }
        return Rfc4648.Base32Lower.Decode(text);
    }
}
