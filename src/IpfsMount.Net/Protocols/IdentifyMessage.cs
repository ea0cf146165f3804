// The Identify protobuf message (libp2p/specs identify/README.md): publicKey=1, listenAddrs=2, protocols=3,
// observedAddr=4, protocolVersion=5, agentVersion=6 (signedPeerRecord=8 is ignored).
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Protobuf;

namespace IpfsMount.Net.Protocols;

/// <summary>What a peer says about itself in /ipfs/id/1.0.0 and /ipfs/id/push/1.0.0.</summary>
public sealed record IdentifyMessage
{
    public string? ProtocolVersion { get; init; }
    public string? AgentVersion { get; init; }
    public byte[]? PublicKey { get; init; }
    public IReadOnlyList<Multiaddress> ListenAddresses { get; init; } = [];
    public Multiaddress? ObservedAddress { get; init; }
    public IReadOnlyList<string> Protocols { get; init; } = [];

    public byte[] Encode()
    {
        var w = new ProtoWriter();
        if (PublicKey is not null) w.WriteBytesField(1, PublicKey);
        foreach (var a in ListenAddresses) w.WriteBytesField(2, a.ToBytes());
        foreach (var p in Protocols) w.WriteStringField(3, p);
        if (ObservedAddress is not null) w.WriteBytesField(4, ObservedAddress.ToBytes());
        if (ProtocolVersion is not null) w.WriteStringField(5, ProtocolVersion);
        if (AgentVersion is not null) w.WriteStringField(6, AgentVersion);
        return w.ToArray();
    }

    /// <summary>Decodes a message; addresses with protocols we do not know are skipped, not fatal.</summary>
    public static IdentifyMessage Decode(ReadOnlySpan<byte> bytes)
    {
        string? protocolVersion = null, agentVersion = null;
        byte[]? publicKey = null;
        Multiaddress? observed = null;
        var listen = new List<Multiaddress>();
        var protocols = new List<string>();
        var r = new ProtoReader(bytes);
        while (r.Next())
        {
            switch (r.FieldNumber)
            {
                case 1: publicKey = r.ReadBytes().ToArray(); break;
                case 2: if (TryAddress(r.ReadBytes(), out var a)) listen.Add(a!); break;
                case 3: protocols.Add(r.ReadString()); break;
                case 4: if (TryAddress(r.ReadBytes(), out var o)) observed = o; break;
                case 5: protocolVersion = r.ReadString(); break;
                case 6: agentVersion = r.ReadString(); break;
                default: r.Skip(); break;
            }
        }
        return new IdentifyMessage
        {
            ProtocolVersion = protocolVersion,
            AgentVersion = agentVersion,
            PublicKey = publicKey,
            ListenAddresses = listen,
            ObservedAddress = observed,
            Protocols = protocols,
        };
    }

    private static bool TryAddress(ReadOnlySpan<byte> bytes, out Multiaddress? address)
    {
        try
        {
            address = Multiaddress.FromBytes(bytes);
            return true;
        }
        catch (InvalidMultiaddressException)
        {
            address = null;
            return false;
        }
    }
}
