// This node's identity: an Ed25519 key pair (NSec) with its libp2p PublicKey protobuf and peer ID.
// Spec: libp2p/specs peer-ids/peer-ids.md (Ed25519 keys, PrivateKey protobuf Data = seed‖public or seed).
using NSec.Cryptography;

namespace IpfsMount.Net.Identity;

/// <summary>Holds the private key that signs for this peer (noise handshake payload, records).</summary>
public sealed class PeerIdentity : IDisposable
{
    private readonly Key _key;

    public PeerIdentity(Key ed25519PrivateKey)
    {
        ArgumentNullException.ThrowIfNull(ed25519PrivateKey);
        if (ed25519PrivateKey.Algorithm is not Ed25519)
            throw new ArgumentException("the host identity must be an Ed25519 key", nameof(ed25519PrivateKey));
        _key = ed25519PrivateKey;
        PublicKeyRaw = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        PublicKeyProtobuf = Identity.PublicKeyProtobuf.EncodeEd25519(PublicKeyRaw);
        PeerId = PeerId.FromPublicKeyProtobuf(PublicKeyProtobuf);
    }

    public PeerId PeerId { get; }

    public byte[] PublicKeyRaw { get; }

    /// <summary>The libp2p PublicKey protobuf (identify's publicKey, noise's identity_key).</summary>
    public byte[] PublicKeyProtobuf { get; }

    public static PeerIdentity Generate() => new(Key.Create(SignatureAlgorithm.Ed25519));

    /// <summary>Builds the identity from a 32-byte Ed25519 seed.</summary>
    public static PeerIdentity FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32) throw new ArgumentException($"an Ed25519 seed has 32 bytes, got {seed.Length}", nameof(seed));
        return new(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>Builds the identity from a libp2p PrivateKey protobuf (Data = 64 bytes seed‖public, or a 32-byte seed).</summary>
    public static PeerIdentity FromPrivateKeyProtobuf(ReadOnlySpan<byte> protobuf)
    {
        var (type, data) = Identity.PublicKeyProtobuf.Decode(protobuf);
        if (type != Identity.PublicKeyProtobuf.Ed25519KeyType)
            throw new InvalidPeerIdException($"private key type {type} is not supported; only Ed25519 keys are");
        if (data.Length != 64 && data.Length != 32)
            throw new InvalidPeerIdException($"an Ed25519 private key protobuf holds 64 (or 32) bytes, got {data.Length}");
        var identity = FromSeed(data.AsSpan(0, 32));
        if (data.Length == 64 && !data.AsSpan(32).SequenceEqual(identity.PublicKeyRaw))
            throw new InvalidPeerIdException("the private key protobuf's public half does not match its seed");
        return identity;
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    /// <summary>Verifies an Ed25519 signature made by the key in a PublicKey protobuf.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKeyProtobuf, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var raw = Identity.PublicKeyProtobuf.DecodeEd25519(publicKeyProtobuf);
        var pub = PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(pub, data, signature);
    }

    public void Dispose() => _key.Dispose();
}
