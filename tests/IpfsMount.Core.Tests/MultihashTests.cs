// Multihash hashing (sha2-256, blake3, identity), binary form and errors.
using System.Text;

namespace IpfsMount.Core.Tests;

public sealed class MultihashTests
{
    [Fact]
    public void Sha256_of_the_1000_byte_reference_input_matches_the_vectors()
    {
        var mf = ReferenceVectors.Root.GetProperty("multiformats");
        var input = InputGenerator.Generate(1000, 1);
        var mh = Multihash.Compute(input);
        Assert.Equal(mf.GetProperty("multihashHex").GetString(), Convert.ToHexStringLower(mh.ToBytes()));
        Assert.True(mh.Matches(input));
        input[0] ^= 1;
        Assert.False(mh.Matches(input));
    }

    [Fact]
    public void Blake3_of_empty_input_is_the_published_digest()
    {
        var mh = Multihash.Compute([], Multicodec.Blake3);
        Assert.Equal("1e20af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
            Convert.ToHexStringLower(mh.ToBytes()));
        Assert.True(mh.Matches([]));
        Assert.False(mh.Matches([0]));
    }

    [Fact]
    public void Identity_multihash_holds_the_data_itself()
    {
        var data = Encoding.ASCII.GetBytes("abc");
        var mh = Multihash.Compute(data, Multicodec.Identity);
        Assert.Equal("0003616263", Convert.ToHexStringLower(mh.ToBytes()));
        Assert.Equal(mh, Multihash.FromBytes(mh.ToBytes()));
    }

    [Fact]
    public void The_peer_id_multihash_from_the_vectors_parses_as_identity()
    {
        var hex = ReferenceVectors.Root.GetProperty("peerId").GetProperty("peerIdMultihashHex").GetString()!;
        var mh = Multihash.FromBytes(Convert.FromHexString(hex));
        Assert.Equal(Multicodec.Identity, mh.Code);
        Assert.Equal(36, mh.Digest.Length);
        Assert.Equal(hex, Convert.ToHexStringLower(mh.ToBytes()));
    }

    [Theory]
    [InlineData("1220aabb", "multihash is truncated: digest needs 32 bytes but 2 remain")]
    [InlineData("1221" , "sha2-256 digest must be at most 32 bytes (got 33)")]
    [InlineData("12", "multihash digest length: varint is truncated")]
    [InlineData("", "multihash code: varint is truncated")]
    [InlineData("8000", "multihash code: varint is not minimally encoded")]
    public void Rejects_bad_multihashes_with_a_precise_message(string hex, string message)
    {
        var e = Assert.Throws<InvalidMultihashException>(() => Multihash.Read(Convert.FromHexString(hex), out _));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_an_error_for_FromBytes_but_not_for_Read()
    {
        var bytes = Multihash.Compute([1, 2, 3]).ToBytes().Concat(new byte[] { 9 }).ToArray();
        Assert.Equal(34, Multihash.Read(bytes, out int n).EncodedLength);
        Assert.Equal(34, n);
        var e = Assert.Throws<InvalidMultihashException>(() => Multihash.FromBytes(bytes));
        Assert.Equal("multihash has 1 unexpected trailing bytes", e.Message);
    }

    [Fact]
    public void Hashing_with_an_unsupported_function_says_which()
    {
        var e = Assert.Throws<NotSupportedException>(() => Multihash.Compute([1], Multicodec.Murmur3X64_64));
        Assert.Contains("murmur3-x64-64", e.Message);
    }
}
