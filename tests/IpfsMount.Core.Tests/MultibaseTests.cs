// Multibase, base58 and base32 against the reference vectors and RFC 4648 test vectors.
using System.Text;

namespace IpfsMount.Core.Tests;

public sealed class MultibaseTests
{
    private static readonly byte[] CidBytes =
        Convert.FromHexString(ReferenceVectors.Root.GetProperty("multiformats").GetProperty("cidBytesHex").GetString()!);

    [Theory]
    [InlineData("base32", MultibaseEncoding.Base32Lower)]
    [InlineData("base36", MultibaseEncoding.Base36Lower)]
    [InlineData("base58btc", MultibaseEncoding.Base58Btc)]
    [InlineData("base64url", MultibaseEncoding.Base64Url)]
    [InlineData("base16", MultibaseEncoding.Base16Lower)]
    public void Encodes_and_decodes_the_reference_cid_like_the_js_implementation(string field, MultibaseEncoding enc)
    {
        string expected = ReferenceVectors.Root.GetProperty("multiformats").GetProperty(field).GetString()!;
        Assert.Equal(expected, Multibase.Encode(CidBytes, enc));
        Assert.Equal(CidBytes, Multibase.Decode(expected));
    }

    [Fact]
    public void Decodes_upper_case_base32()
    {
        string upper = ReferenceVectors.Root.GetProperty("multiformats").GetProperty("base32upper").GetString()!;
        Assert.Equal(CidBytes, Multibase.Decode(upper));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "my")]
    [InlineData("fo", "mzxq")]
    [InlineData("foo", "mzxw6")]
    [InlineData("foob", "mzxw6yq")]
    [InlineData("fooba", "mzxw6ytb")]
    [InlineData("foobar", "mzxw6ytboi")]
    public void Base32_matches_rfc4648_without_padding(string plain, string encoded)
    {
        Assert.Equal(encoded, Base32.EncodeLower(Encoding.ASCII.GetBytes(plain)));
        Assert.Equal(Encoding.ASCII.GetBytes(plain), Base32.Decode(encoded));
        Assert.Equal(Encoding.ASCII.GetBytes(plain), Base32.Decode(encoded.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("00", "1")]
    [InlineData("0000", "11")]
    [InlineData("61", "2g")]
    [InlineData("626262", "a3gV")]
    [InlineData("0000287fb4cd", "11233QC4")]
    public void Base58_keeps_leading_zero_bytes_as_ones(string hex, string encoded)
    {
        Assert.Equal(encoded, Base58.Encode(Convert.FromHexString(hex)));
        Assert.Equal(Convert.FromHexString(hex), Base58.Decode(encoded));
    }

    [Theory]
    [InlineData("xabc", "unknown multibase prefix 'x'")]
    [InlineData("", "multibase text is empty")]
    [InlineData("zabc0", "invalid base58btc character '0' at position 3")]
    [InlineData("bafy1", "invalid base32 character '1' at position 3")]
    [InlineData("bAFY", "invalid base32 character 'A' at position 0")]
    [InlineData("f0g", "invalid base16 character 'g' at position 1")]
    [InlineData("f012", "base16 text of 3 characters has an impossible length or non-zero trailing bits")]
    [InlineData("bb", "base32 text of 1 characters has an impossible length or non-zero trailing bits")]
    [InlineData("u+A", "invalid base64url character '+' at position 0")]
    public void Rejects_bad_text_with_a_precise_message(string text, string message)
    {
        var e = Assert.Throws<InvalidMultibaseException>(() => Multibase.Decode(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Rejects_non_canonical_trailing_bits()
    {
        // "my" is 'f'; "mz" carries a stray 1 bit after the byte.
        Assert.Throws<InvalidMultibaseException>(() => Multibase.Decode("bmz"));
    }
}
