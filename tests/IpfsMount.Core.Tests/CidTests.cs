// CID parsing, binary form, version conversion and errors, against the reference vectors.
namespace IpfsMount.Core.Tests;

public sealed class CidTests
{
    private static string Mf(string name) =>
        ReferenceVectors.Root.GetProperty("multiformats").GetProperty(name).GetString()!;

    [Theory]
    [InlineData("base32")]
    [InlineData("base32upper")]
    [InlineData("base36")]
    [InlineData("base58btc")]
    [InlineData("base64url")]
    [InlineData("base16")]
    public void Parses_the_reference_cid_in_every_base(string field)
    {
        var cid = Cid.Parse(Mf(field));
        Assert.Equal(1, cid.Version);
        Assert.Equal(Multicodec.Raw, cid.Codec);
        Assert.Equal(Mf("cidBytesHex"), Convert.ToHexStringLower(cid.ToBytes()));
        Assert.Equal(Mf("base32"), cid.ToString());
    }

    [Fact]
    public void Writes_the_reference_cid_in_every_base()
    {
        var cid = Cid.FromBytes(Convert.FromHexString(Mf("cidBytesHex")));
        Assert.Equal(Mf("base36"), cid.ToString(MultibaseEncoding.Base36Lower));
        Assert.Equal(Mf("base58btc"), cid.ToString(MultibaseEncoding.Base58Btc));
        Assert.Equal(Mf("base64url"), cid.ToString(MultibaseEncoding.Base64Url));
        Assert.Equal(Mf("base16"), cid.ToString(MultibaseEncoding.Base16Lower));
    }

    [Fact]
    public void The_1000_byte_input_hashes_to_the_reference_raw_cid()
    {
        var cid = Cid.Compute(InputGenerator.Generate(1000, 1), Multicodec.Raw);
        Assert.Equal(Mf("base32"), cid.ToString());
    }

    [Fact]
    public void Converts_v0_to_v1_and_back_like_the_vectors()
    {
        var conv = ReferenceVectors.Root.GetProperty("multiformats").GetProperty("v0ToV1");
        var v0 = Cid.Parse(conv.GetProperty("v0").GetString()!);
        Assert.Equal(0, v0.Version);
        Assert.Equal(Multicodec.DagPb, v0.Codec);
        Assert.Equal(conv.GetProperty("v0BytesHex").GetString(), Convert.ToHexStringLower(v0.ToBytes()));
        var v1 = v0.ToV1();
        Assert.Equal(conv.GetProperty("v1Base32").GetString(), v1.ToString());
        Assert.Equal(conv.GetProperty("v1Base58btc").GetString(), v1.ToString(MultibaseEncoding.Base58Btc));
        Assert.Equal(conv.GetProperty("v1BytesHex").GetString(), Convert.ToHexStringLower(v1.ToBytes()));
        Assert.NotEqual(v0, v1);
        Assert.Equal(v0, v1.ToV0());
        Assert.Equal(conv.GetProperty("backToV0").GetString(), v1.ToV0().ToString());
    }

    [Fact]
    public void Parses_every_anchor_and_writes_it_back_unchanged()
    {
        foreach (var anchor in ReferenceVectors.Root.GetProperty("anchors").EnumerateObject())
        {
            string text = anchor.Value.GetProperty("cid").GetString()!;
            var cid = Cid.Parse(text);
            Assert.Equal(text, cid.ToString());
            Assert.Equal(cid, Cid.FromBytes(cid.ToBytes()));
        }
    }

    [Fact]
    public void Peer_id_cids_in_base32_and_base36_are_the_same_libp2p_key_cid()
    {
        var p = ReferenceVectors.Root.GetProperty("peerId");
        var a = Cid.Parse(p.GetProperty("peerIdCidV1Base32").GetString()!);
        var b = Cid.Parse(p.GetProperty("peerIdCidV1Base36").GetString()!);
        Assert.Equal(a, b);
        Assert.Equal(Multicodec.Libp2pKey, a.Codec);
        Assert.Equal(Multicodec.Identity, a.Hash.Code);
        Assert.Equal(p.GetProperty("peerIdMultihashHex").GetString(), Convert.ToHexStringLower(a.Hash.ToBytes()));
        Assert.Equal(Convert.FromHexString(p.GetProperty("peerIdMultihashHex").GetString()!),
            Base58.Decode(p.GetProperty("peerIdBase58").GetString()!));
        Assert.Equal(p.GetProperty("peerIdCidV1Base36").GetString(), a.ToString(MultibaseEncoding.Base36Lower));
    }

    [Fact]
    public void A_v0_cid_of_33_bytes_is_rejected_with_its_length()
    {
        var bytes = Cid.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH").ToBytes();
        var e = Assert.Throws<InvalidCidException>(() => Cid.FromBytes(bytes.AsSpan(0, 33)));
        Assert.Equal("CID v0 must be 34 bytes (got 33)", e.Message);
        e = Assert.Throws<InvalidCidException>(() => Cid.FromBytes([.. bytes, 0]));
        Assert.Equal("CID v0 must be 34 bytes (got 35)", e.Message);
    }

    [Theory]
    [InlineData("", "CID text is empty")]
    [InlineData("xyz", "'xyz' is not a CID: unknown multibase prefix 'x'")]
    [InlineData("f0255", "unsupported CID version 2")]
    [InlineData("f00", "CID v0 must be a bare sha2-256 multihash (0x12 0x20 …), not an explicit version 0")]
    [InlineData("f0170", "CID multihash: multihash code: varint is truncated")]
    [InlineData("f01", "CID codec: varint is truncated")]
    [InlineData("f01551200ff", "CID has 1 unexpected trailing bytes")]
    public void Rejects_bad_cids_with_a_precise_message(string text, string message)
    {
        var e = Assert.Throws<InvalidCidException>(() => Cid.Parse(text));
        Assert.Equal(message, e.Message);
        Assert.False(Cid.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Only_dag_pb_sha256_converts_to_v0()
    {
        var raw = Cid.Parse(Mf("base32"));
        var e = Assert.Throws<InvalidCidException>(() => raw.ToV0());
        Assert.StartsWith("CID v0 requires dag-pb", e.Message);
        var v0 = Cid.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        Assert.Throws<InvalidOperationException>(() => v0.ToString(MultibaseEncoding.Base32Lower));
        Assert.Equal("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", v0.ToString(MultibaseEncoding.Base58Btc));
    }

    [Fact]
    public void Default_cid_is_recognisable()
    {
        Assert.True(default(Cid).IsDefault);
        Assert.False(Cid.Parse(Mf("base32")).IsDefault);
        Assert.False(Cid.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH").IsDefault);
    }
}
