// libp2p key protobufs (libp2p specs, peer-ids.md "Keys"): PublicKey/PrivateKey { KeyType Type = 1; bytes Data = 2; }.
// The one codec of them, for the keystore (Storage) and peer identities (Net); Ed25519 is the only type accepted.
namespace IpfsMount.Core;

using System.Security.Cryptography;

public static class Libp2pKeyProtobuf
{
    public const int KeyTypeEd25519 = 1;
    public const int Ed25519KeyLength = 32;

    private static readonly Func<string, Exception> Invalid = static m => new InvalidKeyProtobufException(m);

    /// <summary>08 01 12 20 &lt;32-byte public key&gt;: the deterministic PublicKey protobuf (36 bytes).</summary>
    public static byte[] EncodeEd25519PublicKey(ReadOnlySpan<byte> publicKey)
    {
        RequireKeyLength(publicKey, nameof(publicKey));
        return Encode(KeyTypeEd25519, publicKey);
    }

    /// <summary>08 01 12 40 &lt;32-byte seed&gt;&lt;32-byte public key&gt;, as go- and js-libp2p write it.</summary>
    public static byte[] EncodeEd25519PrivateKey(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey)
    {
        RequireKeyLength(seed, nameof(seed));
        RequireKeyLength(publicKey, nameof(publicKey));
        Span<byte> data = stackalloc byte[2 * Ed25519KeyLength];
        seed.CopyTo(data);
        publicKey.CopyTo(data[Ed25519KeyLength..]);
        var encoded = Encode(KeyTypeEd25519, data);
        CryptographicOperations.ZeroMemory(data);
        return encoded;
    }

    /// <summary>{Type, Data} of any key protobuf; unknown fields are skipped. <paramref name="what"/> ("public key",
    /// "private key") names it in errors.</summary>
    public static long Decode(ReadOnlySpan<byte> protobuf, string what, out ReadOnlySpan<byte> data)
    {
        long? type = null;
        var haveData = false;
        data = default;
        var reader = new ProtobufReader(protobuf, $"libp2p {what} protobuf", Invalid);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(field, wire, ProtobufReader.WireVarint);
                    type = (long)reader.ReadVarint();
                    break;
                case 2:
                    reader.Expect(field, wire, ProtobufReader.WireLen);
                    data = reader.ReadLengthDelimited();
                    haveData = true;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (type is null || !haveData)
        {
            throw new InvalidKeyProtobufException($"libp2p {what} protobuf: missing {(type is null ? "Type" : "Data")} field");
        }

        return type.Value;
    }

    /// <summary>The Data of an Ed25519 key protobuf; other key types are InvalidKeyProtobufException "… is not supported".</summary>
    public static ReadOnlySpan<byte> DecodeEd25519(ReadOnlySpan<byte> protobuf, string what)
    {
        var type = Decode(protobuf, what, out var data);
        if (type != KeyTypeEd25519)
        {
            throw new InvalidKeyProtobufException($"libp2p {what}: key type {KeyTypeName(type)} is not supported; only Ed25519 keys are");
        }

        return data;
    }

    /// <summary>The raw 32-byte key of an Ed25519 PublicKey protobuf.</summary>
    public static byte[] DecodeEd25519PublicKey(ReadOnlySpan<byte> protobuf)
    {
        var data = DecodeEd25519(protobuf, "public key");
        if (data.Length != Ed25519KeyLength)
        {
            throw new InvalidKeyProtobufException($"an Ed25519 public key has {Ed25519KeyLength} bytes, the protobuf holds {data.Length}");
        }

        return data.ToArray();
    }

    public static string KeyTypeName(long type) => type switch
    {
        0 => "RSA",
        1 => "Ed25519",
        2 => "Secp256k1",
        3 => "ECDSA",
        _ => $"unknown ({type})",
    };

    private static byte[] Encode(int keyType, ReadOnlySpan<byte> data)
    {
        var length = ProtobufWriter.VarintFieldSize(1, (ulong)keyType) + ProtobufWriter.BytesFieldSize(2, data.Length);
        var buffer = new byte[length];
        var writer = new ProtobufWriter(buffer);
        writer.WriteVarintField(1, (ulong)keyType);
        writer.WriteBytesField(2, data);
        return buffer;
    }

    private static void RequireKeyLength(ReadOnlySpan<byte> key, string name)
    {
        if (key.Length != Ed25519KeyLength)
        {
            throw new ArgumentException($"an Ed25519 key or seed has {Ed25519KeyLength} bytes, got {key.Length}", name);
        }
    }
}
