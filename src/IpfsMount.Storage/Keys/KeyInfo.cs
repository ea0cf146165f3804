// A key as `key list` shows it: name, libp2p public key protobuf, peer ID (base58) and IPNS name (base36 CIDv1).
namespace IpfsMount.Storage;

public sealed record KeyInfo(string Name, byte[] PublicKeyProtobuf, string PeerId, string IpnsName);
