// Reading a libp2p PrivateKey protobuf (Core's Libp2pKeyProtobuf) into an Ed25519 seed, with the keystore's checks:
// Data of 64 bytes seed||public (the public half must belong to the seed), 96 (old go-libp2p) or 32 (seed only).
namespace IpfsMount.Storage;

using IpfsMount.Core;
using NSec.Cryptography;

internal static class Ed25519PrivateKeyProtobuf
{
    /// <summary>The 32-byte seed; KeyFormatException for anything malformed or not Ed25519.</summary>
    public static byte[] DecodeSeed(ReadOnlySpan<byte> protobuf)
    {
        ReadOnlySpan<byte> data;
        try
        {
            data = Libp2pKeyProtobuf.DecodeEd25519(protobuf, "private key");
        }
        catch (InvalidKeyProtobufException e)
        {
            throw new KeyFormatException(e.Message);
        }

        if (data.Length is not (32 or 64 or 96))
        {
            throw new KeyFormatException($"Ed25519 private key Data must be 32, 64 or 96 bytes, got {data.Length}");
        }

        var seed = data[..Libp2pKeyProtobuf.Ed25519KeyLength].ToArray();
        if (data.Length > Libp2pKeyProtobuf.Ed25519KeyLength)
        {
            using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
            var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            if (!data.Slice(Libp2pKeyProtobuf.Ed25519KeyLength, Libp2pKeyProtobuf.Ed25519KeyLength).SequenceEqual(pub))
            {
                throw new KeyFormatException("Ed25519 private key Data holds a public key that does not belong to its seed");
            }
        }

        return seed;
    }
}
