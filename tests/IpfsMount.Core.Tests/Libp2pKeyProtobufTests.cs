// Libp2pKeyProtobuf: the reference vectors' Ed25519 public and private key protobufs, round trips of any key,
// and precise errors for other key types and malformed bytes.
namespace IpfsMount.Core.Tests;

using FsCheck;
using FsCheck.Xunit;

public sealed class Libp2pKeyProtobufTests
{
    private static string Vector(string name) => ReferenceVectors.Root.GetProperty("peerId").GetProperty(name).GetString()!;

    [Fact]
    public void The_vector_public_key_encodes_to_the_vector_protobuf_and_back()
    {
        var raw = Convert.FromHexString(Vector("publicKeyRawHex"));
        var protobuf = Libp2pKeyProtobuf.EncodeEd25519PublicKey(raw);
        Assert.Equal(Vector("publicKeyProtobufHex"), Convert.ToHexStringLower(protobuf));
        Assert.Equal(raw, Libp2pKeyProtobuf.DecodeEd25519PublicKey(protobuf));
    }

    [Fact]
    public void The_vector_private_key_protobuf_is_seed_then_public_key()
    {
        var seed = Convert.FromHexString(Vector("seedHex"));
        var raw = Convert.FromHexString(Vector("publicKeyRawHex"));
        var protobuf = Libp2pKeyProtobuf.EncodeEd25519PrivateKey(seed, raw);
        Assert.Equal(Vector("privateKeyProtobufHex"), Convert.ToHexStringLower(protobuf));
        Assert.Equal([.. seed, .. raw], Libp2pKeyProtobuf.DecodeEd25519(protobuf, "private key").ToArray());
    }

    [Property(MaxTest = 100)]
    public void Any_32_byte_key_round_trips(Guid a, Guid b)
    {
        byte[] key = [.. a.ToByteArray(), .. b.ToByteArray()];
        Assert.Equal(key, Libp2pKeyProtobuf.DecodeEd25519PublicKey(Libp2pKeyProtobuf.EncodeEd25519PublicKey(key)));
    }

    [Property(MaxTest = 200)]
    public void Arbitrary_bytes_decode_or_fail_with_an_invalid_key_protobuf_error(byte[] bytes)
    {
        bytes ??= [];
        try
        {
            Assert.Equal(32, Libp2pKeyProtobuf.DecodeEd25519PublicKey(bytes).Length);
        }
        catch (InvalidKeyProtobufException e)
        {
            Assert.Contains("public key", e.Message);
        }
    }

    [Fact]
    public void Other_key_types_truncation_and_missing_fields_are_named_in_the_error()
    {
        byte[] secp = [0x08, 0x02, 0x12, 0x21, .. new byte[33]];
        Assert.Contains("Secp256k1 is not supported", Assert.Throws<InvalidKeyProtobufException>(() => Libp2pKeyProtobuf.DecodeEd25519PublicKey(secp)).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidKeyProtobufException>(() => Libp2pKeyProtobuf.DecodeEd25519PublicKey([0x08, 0x01, 0x12])).Message);
        Assert.Contains("runs past the end", Assert.Throws<InvalidKeyProtobufException>(() => Libp2pKeyProtobuf.DecodeEd25519PublicKey([0x08, 0x01, 0x12, 0x20, 1])).Message);
        Assert.Contains("missing Data", Assert.Throws<InvalidKeyProtobufException>(() => Libp2pKeyProtobuf.DecodeEd25519PublicKey([0x08, 0x01])).Message);
        Assert.Throws<ArgumentException>(() => Libp2pKeyProtobuf.EncodeEd25519PublicKey(new byte[31]));
    }
}
