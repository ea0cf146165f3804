// Peer ID strings from a libp2p public key protobuf (libp2p specs, peer-ids.md): identity multihash when <= 42 bytes,
// "12D3Koo…" base58btc of the multihash, "k51…" base36 CIDv1 with the libp2p-key codec (IPNS names).
namespace IpfsMount.Storage;

using IpfsMount.Core;

public static class PeerIdentity
{
    private const int MaxInlineKeyLength = 42;

    /// <summary>The peer ID multihash: identity for short keys (all Ed25519 keys), sha2-256 otherwise.</summary>
    public static Multihash PeerIdMultihash(ReadOnlySpan<byte> publicKeyProtobuf) =>
        publicKeyProtobuf.Length <= MaxInlineKeyLength
            ? Multihash.Create(Multicodec.Identity, publicKeyProtobuf)
            : Multihash.Compute(publicKeyProtobuf, Multicodec.Sha2_256);

    /// <summary>Legacy base58btc form, e.g. "12D3KooW…".</summary>
    public static string ToBase58(ReadOnlySpan<byte> publicKeyProtobuf) =>
        Base58.Encode(PeerIdMultihash(publicKeyProtobuf).ToBytes());

    /// <summary>The peer ID as a CIDv1 with the libp2p-key codec.</summary>
    public static Cid ToCid(ReadOnlySpan<byte> publicKeyProtobuf) =>
        Cid.Create(1, Multicodec.Libp2pKey, PeerIdMultihash(publicKeyProtobuf));

    /// <summary>The IPNS name form, base36 CIDv1 libp2p-key, e.g. "k51qzi5uqu5…".</summary>
    public static string ToIpnsName(ReadOnlySpan<byte> publicKeyProtobuf) =>
        ToCid(publicKeyProtobuf).ToString(MultibaseEncoding.Base36Lower);
}
