// PeerId and PeerIdentity against the shared reference vectors (peerId section) and round-trip properties.
using FsCheck.Xunit;
using IpfsMount.Core;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Tests.Support;

namespace IpfsMount.Net.Tests.Identity;

public sealed class PeerIdTests
{
    private static readonly System.Text.Json.Nodes.JsonObject V = Vectors.PeerId;

    [Fact]
    public void The_identity_from_the_vector_seed_has_the_vector_keys_and_peer_id()
    {
        using var id = PeerIdentity.FromSeed(Convert.FromHexString(V.Get("seedHex")));
        Assert.Equal(V.Get("publicKeyRawHex"), Convert.ToHexStringLower(id.PublicKeyRaw));
        Assert.Equal(V.Get("publicKeyProtobufHex"), Convert.ToHexStringLower(id.PublicKeyProtobuf));
        Assert.Equal(V.Get("peerIdMultihashHex"), Convert.ToHexStringLower(id.PeerId.Bytes.Span));
        Assert.Equal(V.Get("peerIdBase58"), id.PeerId.ToString());
        Assert.Equal(V.Get("peerIdCidV1Base36"), id.PeerId.ToBase36String());
        Assert.Equal(V.Get("peerIdCidV1Base32"), id.PeerId.ToCid().ToString());
    }

    [Fact]
    public void The_private_key_protobuf_vector_gives_the_same_identity()
    {
        using var id = PeerIdentity.FromPrivateKeyProtobuf(Convert.FromHexString(V.Get("privateKeyProtobufHex")));
        Assert.Equal(V.Get("peerIdBase58"), id.PeerId.ToString());
    }

    [Theory]
    [InlineData("peerIdBase58")]
    [InlineData("peerIdCidV1Base36")]
    [InlineData("peerIdCidV1Base32")]
    public void Every_text_form_of_the_vector_parses_to_the_same_peer(string field)
    {
        var id = PeerId.Parse(V.Get(field));
        Assert.Equal(V.Get("peerIdBase58"), id.ToString());
        Assert.Equal(V.Get("publicKeyRawHex"), Convert.ToHexStringLower(id.TryGetEd25519PublicKey()!));
    }

    [Fact]
    public void A_sha256_peer_id_of_a_large_key_round_trips_and_has_no_inline_key()
    {
        var mh = Multihash.Compute(new byte[300]);
        var id = PeerId.FromBytes(mh.ToBytes());
        Assert.StartsWith("Qm", id.ToString());
        Assert.Equal(id, PeerId.Parse(id.ToString()));
        Assert.Null(id.TryGetEd25519PublicKey());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12D3KooW")]
    [InlineData("not a peer id")]
    [InlineData("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")] // a dag-pb CIDv0 is a sha2-256 multihash: valid as an ID
    [InlineData("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    public void Bad_or_foreign_text_gives_a_clear_error_or_a_valid_hash_id(string text)
    {
        if (text.StartsWith("Qm", StringComparison.Ordinal))
        {
            Assert.True(PeerId.TryParse(text, out _, out _));
            return;
        }
        var e = Assert.Throws<InvalidPeerIdException>(() => PeerId.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void A_non_ed25519_key_protobuf_is_rejected_with_its_type_named()
    {
        var secp = Convert.FromHexString("0802122102" + new string('a', 64));
        var e = Assert.Throws<InvalidPeerIdException>(() => PublicKeyProtobuf.DecodeEd25519(secp));
        Assert.Contains("Secp256k1", e.Message);
    }

    [Property(MaxTest = 50)]
    public bool Any_ed25519_key_round_trips_through_both_text_forms(byte[] seedSource)
    {
        var seed = new byte[32];
        seedSource.AsSpan(0, Math.Min(32, seedSource.Length)).CopyTo(seed);
        using var id = PeerIdentity.FromSeed(seed);
        return PeerId.Parse(id.PeerId.ToString()) == id.PeerId
            && PeerId.Parse(id.PeerId.ToBase36String()) == id.PeerId
            && id.PeerId.ToString().StartsWith("12D3KooW", StringComparison.Ordinal)
            && id.PeerId.MatchesPublicKey(id.PublicKeyProtobuf);
    }

    [Fact]
    public void Signatures_verify_only_for_the_signed_data()
    {
        using var id = PeerIdentity.Generate();
        var sig = id.Sign("hello"u8);
        Assert.True(PeerIdentity.Verify(id.PublicKeyProtobuf, "hello"u8, sig));
        Assert.False(PeerIdentity.Verify(id.PublicKeyProtobuf, "hellO"u8, sig));
    }
}
