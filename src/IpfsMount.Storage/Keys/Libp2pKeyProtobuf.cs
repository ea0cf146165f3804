// libp2p key protobufs (libp2p specs, peer-ids.md "Keys"): PublicKey/PrivateKey { KeyType Type = 1; bytes Data = 2; },
// Ed25519 only: public Data = 32-byte key, private Data = 64 bytes seed||public (as go- and js-libp2p write it).
namespace IpfsMount.Storage;

using NSec.Cryptography;

public static class Libp2pKeyProtobuf
{
    public const int KeyTypeEd25519 = 1;
    private const int Ed25519KeyLength = 32;

    /// <summary>08 01 12 20 &lt;32-byte public key&gt;.</summary>
    public static byte[] EncodePublicKey(ReadOnlySpan<byte> ed25519PublicKey)
    {
        RequireLength(ed25519PublicKey, Ed25519KeyLength, "Ed25519 public key");
        return Encode(ed25519PublicKey);
    }

    /// <summary>08 01 12 40 &lt;32-byte seed&gt;&lt;32-byte public key&gt;.</summary>
    public static byte[] EncodePrivateKey(ReadOnlySpan<byte> ed25519Seed, ReadOnlySpan<byte> ed25519PublicKey)
    {
        RequireLength(ed25519Seed, Ed25519KeyLength, "Ed25519 seed");
        RequireLength(ed25519PublicKey, Ed25519KeyLength, "Ed25519 public key");
        Span<byte> data = stackalloc byte[2 * Ed25519KeyLength];
        ed25519Seed.CopyTo(data);
        ed25519PublicKey.CopyTo(data[Ed25519KeyLength..]);
        var encoded = Encode(data);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(data);
        return encoded;
    }

    /// <summary>Decodes a PublicKey protobuf and returns the raw 32-byte Ed25519 key.</summary>
    public static byte[] DecodePublicKey(ReadOnlySpan<byte> protobuf)
    {
        var data = Decode(protobuf, "public key");
        RequireLength(data, Ed25519KeyLength, "Ed25519 public key Data");
        return data.ToArray();
    }

    /// <summary>Decodes a PrivateKey protobuf and returns the 32-byte Ed25519 seed. Accepts Data of 64 bytes
    /// (seed||public, checked against the seed), 96 bytes (old go-libp2p: seed||public||public) or 32 bytes (seed only).</summary>
    public static byte[] DecodePrivateKeySeed(ReadOnlySpan<byte> protobuf)
    {
        var data = Decode(protobuf, "private key");
        if (data.Length is not (32 or 64 or 96))
        {
            throw new KeyFormatException($"Ed25519 private key Data must be 32, 64 or 96 bytes, got {data.Length}");
        }

        var seed = data[..Ed25519KeyLength].ToArray();
        if (data.Length > Ed25519KeyLength)
        {
            using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
            var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            if (!data.Slice(Ed25519KeyLength, Ed25519KeyLength).SequenceEqual(pub))
            {
                throw new KeyFormatException("Ed25519 private key Data holds a public key that does not belong to its seed");
            }
        }

        return seed;
    }

    private static byte[] Encode(ReadOnlySpan<byte> data)
    {
        // data.Length < 128, so its length is a one-byte varint.
        var buffer = new byte[4 + data.Length];
        buffer[0] = 0x08;
        buffer[1] = KeyTypeEd25519;
        buffer[2] = 0x12;
        buffer[3] = (byte)data.Length;
        data.CopyTo(buffer.AsSpan(4));
        return buffer;
    }

    private static ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> protobuf, string what)
    {
        long? type = null;
        ReadOnlySpan<byte> data = default;
        var haveData = false;
        var pos = 0;
        while (pos < protobuf.Length)
        {
            var tag = ReadVarint(protobuf, ref pos, what);
            switch (tag)
            {
                case 0x08:
                    type = (long)ReadVarint(protobuf, ref pos, what);
                    break;
                case 0x12:
                    var length = ReadVarint(protobuf, ref pos, what);
                    if (length > (ulong)(protobuf.Length - pos))
                    {
                        throw new KeyFormatException($"libp2p {what} protobuf: Data length {length} runs past the end");
                    }

                    data = protobuf.Slice(pos, (int)length);
                    pos += (int)length;
                    haveData = true;
                    break;
                default:
                    throw new KeyFormatException($"libp2p {what} protobuf: unexpected field tag 0x{tag:x} (expected Type=1, Data=2)");
            }
        }

        if (type is null || !haveData)
        {
            throw new KeyFormatException($"libp2p {what} protobuf: missing {(type is null ? "Type" : "Data")} field");
        }

        if (type != KeyTypeEd25519)
        {
            var name = type switch { 0 => "RSA", 2 => "Secp256k1", 3 => "ECDSA", _ => $"unknown ({type})" };
            throw new KeyFormatException($"libp2p {what}: key type {name} is not supported; only Ed25519 keys are");
        }

        return data;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> src, ref int pos, string what)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= src.Length)
            {
                throw new KeyFormatException($"libp2p {what} protobuf is truncated");
            }

            var b = src[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new KeyFormatException($"libp2p {what} protobuf has an over-long varint");
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string what)
    {
        if (value.Length != length)
        {
            throw new KeyFormatException($"{what} must be {length} bytes, got {value.Length}");
        }
    }
}
