// The Identify protobuf message (libp2p/specs identify/README.md): publicKey=1, listenAddrs=2, protocols=3,
// observedAddr=4, protocolVersion=5, agentVersion=6 (signedPeerRecord=8 is ignored).
using System.Text;
using IpfsMount.Core;
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
        var fields = new List<(int, byte[])>();
        if (PublicKey is not null) fields.Add((1, PublicKey));
        foreach (var a in ListenAddresses) fields.Add((2, a.ToBytes()));
        foreach (var p in Protocols) fields.Add((3, Encoding.UTF8.GetBytes(p)));
        if (ObservedAddress is not null) fields.Add((4, ObservedAddress.ToBytes()));
        if (ProtocolVersion is not null) fields.Add((5, Encoding.UTF8.GetBytes(ProtocolVersion)));
        if (AgentVersion is not null) fields.Add((6, Encoding.UTF8.GetBytes(AgentVersion)));
        return LibP2pProtobuf.EncodeLenFields(fields);
    }

    /// <summary>Decodes a message; addresses with protocols we do not know are skipped, not fatal.</summary>
    public static IdentifyMessage Decode(ReadOnlySpan<byte> bytes)
    {
        string? protocolVersion = null, agentVersion = null;
        byte[]? publicKey = null;
        Multiaddress? observed = null;
        var listen = new List<Multiaddress>();
        var protocols = new List<string>();
        var r = LibP2pProtobuf.Reader(bytes, "Identify message");
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field is < 1 or > 6)
            {
                r.Skip(wire);
                continue;
            }

            r.Expect(field, wire, ProtobufReader.WireLen);
            switch (field)
            {
                case 1: publicKey = r.ReadLengthDelimited().ToArray(); break;
                case 2: if (TryAddress(r.ReadLengthDelimited(), out var a)) listen.Add(a!); break;
                case 3: protocols.Add(LibP2pProtobuf.ReadString(ref r, field)); break;
                case 4: if (TryAddress(r.ReadLengthDelimited(), out var o)) observed = o; break;
                case 5: protocolVersion = LibP2pProtobuf.ReadString(ref r, field); break;
                case 6: agentVersion = LibP2pProtobuf.ReadString(ref r, field); break;
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
