// Settings of a Libp2pHost: listen addresses, connection limits, timeouts, identify strings, Yamux tunables.
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Host;

public sealed record Libp2pHostOptions
{
    /// <summary>Addresses StartAsync listens on (defaults: all interfaces, TCP 4001, IPv4 and IPv6).</summary>
    public IReadOnlyList<Multiaddress> ListenAddresses { get; init; } =
        [Multiaddress.Parse("/ip4/0.0.0.0/tcp/4001"), Multiaddress.Parse("/ip6/::/tcp/4001")];

    /// <summary>Open connections at most (inbound ones beyond it are refused, outbound dials fail).</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Connections to one peer at most.</summary>
    public int MaxConnectionsPerPeer { get; init; } = 2;

    /// <summary>Time allowed for TCP connect, security and muxer negotiation.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time allowed for protocol negotiation on a new stream.</summary>
    public TimeSpan StreamNegotiationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public string AgentVersion { get; init; } = "ipfsmount/0.1.0";

    public string ProtocolVersion { get; init; } = "ipfs/0.1.0";

    /// <summary>Whether to run identify on every new connection (fills the peer store).</summary>
    public bool IdentifyOnConnect { get; init; } = true;

    public YamuxOptions Yamux { get; init; } = YamuxOptions.Default;
}
