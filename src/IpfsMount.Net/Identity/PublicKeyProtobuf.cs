// The libp2p PublicKey / PrivateKey protobuf encodings (peer-ids spec, "Keys"): {Type=1, Data=bytes}.
// Only Ed25519 (KeyType 1) keys are accepted; other key types get a clear error.
using IpfsMount.Net.Protobuf;

namespace IpfsMount.Net.Identity;

/// <summary>Encodes and decodes libp2p key protobufs for Ed25519 keys.</summary>
public static class PublicKeyProtobuf
{
    public const int Ed25519KeyType = 1;
    public const int Ed25519PublicKeyLength = 32;

    /// <summary>Encodes a raw 32-byte Ed25519 public key as the deterministic libp2p PublicKey protobuf (36 bytes).</summary>
    public static byte[] EncodeEd25519(ReadOnlySpan<byte> rawPublicKey)
    {
        if (rawPublicKey.Length != Ed25519PublicKeyLength)
            throw new ArgumentException($"an Ed25519 public key has 32 bytes, got {rawPublicKey.Length}", nameof(rawPublicKey));
        var result = new byte[4 + 32];
        result[0] = 0x08; result[1] = Ed25519KeyType; result[2] = 0x12; result[3] = 32;
        rawPublicKey.CopyTo(result.AsSpan(4));
        return result;
    }

    /// <summary>Decodes a PublicKey protobuf and returns the raw Ed25519 key; throws for other key types.</summary>
    public static byte[] DecodeEd25519(ReadOnlySpan<byte> protobuf)
    {
        var (type, data) = Decode(protobuf);
        if (type != Ed25519KeyType)
            throw new InvalidPeerIdException($"key type {type} ({KeyTypeName(type)}) is not supported; only Ed25519 peers are");
        if (data.Length != Ed25519PublicKeyLength)
            throw new InvalidPeerIdException($"an Ed25519 public key has 32 bytes, the protobuf holds {data.Length}");
        return data;
    }

    /// <summary>Decodes the {Type, Data} pair of a libp2p PublicKey or PrivateKey protobuf.</summary>
    public static (int Type, byte[] Data) Decode(ReadOnlySpan<byte> protobuf)
    {
        int? type = null;
        byte[]? data = null;
        var reader = new ProtoReader(protobuf);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case 1: type = (int)reader.ReadVarint(); break;
                case 2: data = reader.ReadBytes().ToArray(); break;
                default: reader.Skip(); break;
            }
        }
        if (type is null || data is null)
            throw new InvalidPeerIdException("key protobuf lacks its Type or Data field");
        return (type.Value, data);
    }

    private static string KeyTypeName(int type) => type switch
    {
        0 => "RSA",
        1 => "Ed25519",
        2 => "Secp256k1",
        3 => "ECDSA",
        _ => "unknown",
    };
}
