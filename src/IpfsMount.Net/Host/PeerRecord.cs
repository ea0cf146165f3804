// Everything the host knows about one peer: addresses, protocols and versions learned from identify.
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Host;

/// <summary>An immutable snapshot of a peer's entry in the <see cref="PeerStore"/>.</summary>
public sealed record PeerRecord(
    PeerId Id,
    IReadOnlyList<Multiaddress> Addresses,
    IReadOnlyList<string> Protocols,
    string? AgentVersion,
    string? ProtocolVersion,
    byte[]? PublicKey,
    DateTimeOffset LastSeen);
