// The libp2p PublicKey / PrivateKey protobufs (peer-ids spec, "Keys") for peer identities: Core's Libp2pKeyProtobuf,
// with its errors reported as InvalidPeerIdException. Only Ed25519 (KeyType 1) keys are accepted.
using IpfsMount.Core;

namespace IpfsMount.Net.Identity;

/// <summary>Encodes and decodes libp2p key protobufs for Ed25519 keys.</summary>
public static class PublicKeyProtobuf
{
    public const int Ed25519KeyType = Libp2pKeyProtobuf.KeyTypeEd25519;
    public const int Ed25519PublicKeyLength = Libp2pKeyProtobuf.Ed25519KeyLength;

    /// <summary>Encodes a raw 32-byte Ed25519 public key as the deterministic libp2p PublicKey protobuf (36 bytes).</summary>
    public static byte[] EncodeEd25519(ReadOnlySpan<byte> rawPublicKey) => Libp2pKeyProtobuf.EncodeEd25519PublicKey(rawPublicKey);

    /// <summary>Decodes a PublicKey protobuf and returns the raw Ed25519 key; throws for other key types.</summary>
    public static byte[] DecodeEd25519(ReadOnlySpan<byte> protobuf)
    {
        try
        {
            return Libp2pKeyProtobuf.DecodeEd25519PublicKey(protobuf);
        }
        catch (InvalidKeyProtobufException e)
        {
            throw new InvalidPeerIdException(e.Message);
        }
    }

    /// <summary>Decodes the {Type, Data} pair of a libp2p PublicKey or PrivateKey protobuf.</summary>
    public static (int Type, byte[] Data) Decode(ReadOnlySpan<byte> protobuf)
    {
        try
        {
            var type = Libp2pKeyProtobuf.Decode(protobuf, "key", out var data);
            return ((int)type, data.ToArray());
        }
        catch (InvalidKeyProtobufException e)
        {
            throw new InvalidPeerIdException(e.Message);
        }
    }
}
