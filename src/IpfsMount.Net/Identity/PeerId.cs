// libp2p peer ID: the multihash of the PublicKey protobuf (identity multihash for Ed25519 keys).
// Spec: libp2p/specs peer-ids/peer-ids.md — text forms base58btc ("12D3Koo…", "Qm…") and CIDv1 libp2p-key (0x72).
using IpfsMount.Core;

namespace IpfsMount.Net.Identity;

/// <summary>A peer's identity, compared by its multihash bytes.</summary>
public readonly struct PeerId : IEquatable<PeerId>
{
    private const int MaxInlineKeyLength = 42;
    private readonly byte[]? _multihash;

    private PeerId(byte[] multihash) => _multihash = multihash;

    /// <summary>The binary multihash (what multiaddr /p2p/ and identify carry).</summary>
    public ReadOnlyMemory<byte> Bytes => _multihash ?? [];

    public bool IsDefault => _multihash is null;

    public Multihash Multihash => Multihash.FromBytes(Bytes.Span);

    /// <summary>The peer ID of a raw 32-byte Ed25519 public key.</summary>
    public static PeerId FromEd25519PublicKey(ReadOnlySpan<byte> rawPublicKey) =>
        FromPublicKeyProtobuf(PublicKeyProtobuf.EncodeEd25519(rawPublicKey));

    /// <summary>The peer ID of a PublicKey protobuf: identity multihash up to 42 bytes, sha2-256 above.</summary>
    public static PeerId FromPublicKeyProtobuf(ReadOnlySpan<byte> publicKeyProtobuf)
    {
        var mh = publicKeyProtobuf.Length <= MaxInlineKeyLength
            ? Multihash.Create(Multicodec.Identity, publicKeyProtobuf)
            : Multihash.Compute(publicKeyProtobuf, Multicodec.Sha2_256);
        return new PeerId(mh.ToBytes());
    }

    /// <summary>Reads a binary peer ID (a multihash, identity or sha2-256).</summary>
    public static PeerId FromBytes(ReadOnlySpan<byte> multihash)
    {
        Multihash mh;
        try
        {
            mh = Multihash.FromBytes(multihash);
        }
        catch (InvalidMultihashException e)
        {
            throw new InvalidPeerIdException("peer ID bytes are not a multihash: " + e.Message);
        }
        if (mh.Code == Multicodec.Identity)
        {
            if (mh.Digest.Length > MaxInlineKeyLength)
                throw new InvalidPeerIdException($"an identity peer ID holds at most {MaxInlineKeyLength} key bytes, got {mh.Digest.Length}");
        }
        else if (mh.Code != Multicodec.Sha2_256 || mh.Digest.Length != 32)
        {
            throw new InvalidPeerIdException($"a peer ID is an identity or sha2-256 multihash, got {Multicodec.Name(mh.Code)}");
        }
        return new PeerId(multihash.ToArray());
    }

    /// <summary>Parses "12D3Koo…"/"Qm…" (base58btc multihash) or a CIDv1 with the libp2p-key codec ("k51…", "bafz…").</summary>
    public static PeerId Parse(string text)
    {
        if (!TryParse(text, out var id, out var error)) throw new InvalidPeerIdException(error!);
        return id;
    }

    public static bool TryParse(string? text, out PeerId id, out string? error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text)) { error = "peer ID is empty"; return false; }
        try
        {
            if (text[0] == '1' || text.StartsWith("Qm", StringComparison.Ordinal))
            {
                id = FromBytes(Base58.Decode(text));
                error = null;
                return true;
            }
            if (!Cid.TryParse(text, out var cid, out var cidError))
            {
                error = $"'{text}' is neither a base58 peer ID nor a CID: {cidError}";
                return false;
            }
            if (cid.Version != 1 || cid.Codec != Multicodec.Libp2pKey)
            {
                error = $"'{text}' is a CID with codec {Multicodec.Name(cid.Codec)}, a peer ID CID uses libp2p-key (0x72)";
                return false;
            }
            id = FromBytes(cid.Hash.ToBytes());
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            error = $"'{text}' is not a peer ID: {e.Message}";
            return false;
        }
    }

    /// <summary>The Ed25519 public key inlined in an identity peer ID, or null for hashed (sha2-256) IDs.</summary>
    public byte[]? TryGetEd25519PublicKey()
    {
        var mh = Multihash;
        if (mh.Code != Multicodec.Identity) return null;
        try
        {
            return PublicKeyProtobuf.DecodeEd25519(mh.Digest.Span);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the given PublicKey protobuf hashes to this peer ID.</summary>
    public bool MatchesPublicKey(ReadOnlySpan<byte> publicKeyProtobuf) => Equals(FromPublicKeyProtobuf(publicKeyProtobuf));

    public Cid ToCid() => Cid.Create(1, Multicodec.Libp2pKey, Multihash);

    public override string ToString() => _multihash is null ? "" : Base58.Encode(_multihash);

    /// <summary>Base36 CIDv1 form ("k51…"), as used in /ipns/ paths and subdomains.</summary>
    public string ToBase36String() => ToCid().ToString(MultibaseEncoding.Base36Lower);

    public bool Equals(PeerId other) => Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override bool Equals(object? obj) => obj is PeerId other && Equals(other);

    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.AddBytes(Bytes.Span);
        return hc.ToHashCode();
    }

    public static bool operator ==(PeerId left, PeerId right) => left.Equals(right);

    public static bool operator !=(PeerId left, PeerId right) => !left.Equals(right);
}
