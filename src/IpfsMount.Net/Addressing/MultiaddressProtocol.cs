// The multiaddr protocol table entries we understand (multiformats/multiaddr protocols.csv).
// Size: bits of a fixed value, 0 for none, -1 for a varint-length-prefixed value.
namespace IpfsMount.Net.Addressing;

/// <summary>One multiaddr protocol: code, name and value size.</summary>
public sealed record MultiaddressProtocol(int Code, string Name, int SizeBits)
{
    public const int VariableSize = -1;

    public static readonly MultiaddressProtocol Ip4 = new(4, "ip4", 32);
    public static readonly MultiaddressProtocol Tcp = new(6, "tcp", 16);
    public static readonly MultiaddressProtocol Udp = new(273, "udp", 16);
    public static readonly MultiaddressProtocol Ip6 = new(41, "ip6", 128);
    public static readonly MultiaddressProtocol Ip6Zone = new(42, "ip6zone", VariableSize);
    public static readonly MultiaddressProtocol Dns = new(53, "dns", VariableSize);
    public static readonly MultiaddressProtocol Dns4 = new(54, "dns4", VariableSize);
    public static readonly MultiaddressProtocol Dns6 = new(55, "dns6", VariableSize);
    public static readonly MultiaddressProtocol DnsAddr = new(56, "dnsaddr", VariableSize);
    public static readonly MultiaddressProtocol P2p = new(421, "p2p", VariableSize);
    public static readonly MultiaddressProtocol P2pCircuit = new(290, "p2p-circuit", 0);
    public static readonly MultiaddressProtocol Tls = new(448, "tls", 0);
    public static readonly MultiaddressProtocol Noise = new(454, "noise", 0);
    public static readonly MultiaddressProtocol Quic = new(460, "quic", 0);
    public static readonly MultiaddressProtocol QuicV1 = new(461, "quic-v1", 0);
    public static readonly MultiaddressProtocol WebTransport = new(465, "webtransport", 0);
    public static readonly MultiaddressProtocol CertHash = new(466, "certhash", VariableSize);
    public static readonly MultiaddressProtocol Ws = new(477, "ws", 0);
    public static readonly MultiaddressProtocol Wss = new(478, "wss", 0);
    public static readonly MultiaddressProtocol Http = new(480, "http", 0);
    public static readonly MultiaddressProtocol WebRtcDirect = new(280, "webrtc-direct", 0);
    public static readonly MultiaddressProtocol WebRtc = new(281, "webrtc", 0);

    private static readonly MultiaddressProtocol[] All =
    [
        Ip4, Tcp, Udp, Ip6, Ip6Zone, Dns, Dns4, Dns6, DnsAddr, P2p, P2pCircuit, Tls, Noise, Quic, QuicV1,
        WebTransport, CertHash, Ws, Wss, Http, WebRtcDirect, WebRtc,
    ];

    private static readonly Dictionary<int, MultiaddressProtocol> ByCode = All.ToDictionary(p => p.Code);
    private static readonly Dictionary<string, MultiaddressProtocol> ByName =
        All.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static bool TryGet(int code, out MultiaddressProtocol protocol) => ByCode.TryGetValue(code, out protocol!);

    public static bool TryGet(string name, out MultiaddressProtocol protocol)
    {
        if (name == "ipfs") name = "p2p"; // legacy alias of /p2p/
        return ByName.TryGetValue(name, out protocol!);
    }

    public override string ToString() => Name;
}
