// Multiaddress: a self-describing network address such as /ip4/127.0.0.1/tcp/4001/p2p/12D3Koo….
// Spec: multiformats/multiaddr (text form, binary form = varint code + value, varint length for variable values).
using System.Net;
using System.Text;
using IpfsMount.Core;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Addressing;

/// <summary>An immutable multiaddress: a list of protocol components.</summary>
public sealed class Multiaddress : IEquatable<Multiaddress>
{
    private Multiaddress(IReadOnlyList<MultiaddressComponent> components) => Components = components;

    public IReadOnlyList<MultiaddressComponent> Components { get; }

    public static Multiaddress Parse(string text)
    {
        if (!TryParse(text, out var ma, out var error)) throw new InvalidMultiaddressException(error!);
        return ma!;
    }

    public static bool TryParse(string? text, out Multiaddress? address, out string? error)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            error = $"multiaddress '{text}' must start with '/'";
            return false;
        }
        var parts = text.Split('/');
        var list = new List<MultiaddressComponent>();
        int i = 1;
        try
        {
            while (i < parts.Length)
            {
                if (parts[i].Length == 0 && i == parts.Length - 1) break; // trailing slash
                if (!MultiaddressProtocol.TryGet(parts[i], out var p))
                    throw new InvalidMultiaddressException($"unknown protocol '{parts[i]}'");
                i++;
                if (p.SizeBits == 0)
                {
                    list.Add(new MultiaddressComponent(p, []));
                    continue;
                }
                if (i >= parts.Length || parts[i].Length == 0)
                    throw new InvalidMultiaddressException($"/{p.Name} needs a value");
                list.Add(new MultiaddressComponent(p, MultiaddressValueCodec.Parse(p, parts[i])));
                i++;
            }
        }
        catch (InvalidMultiaddressException e)
        {
            error = $"invalid multiaddress '{text}': {e.Message}";
            return false;
        }
        if (list.Count == 0)
        {
            error = "multiaddress is empty";
            return false;
        }
        address = new Multiaddress(list);
        error = null;
        return true;
    }

    /// <summary>Reads the binary form (as carried by identify's listenAddrs).</summary>
    public static Multiaddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        var list = new List<MultiaddressComponent>();
        int pos = 0;
        try
        {
            while (pos < bytes.Length)
            {
                ulong code = Varint.Read(bytes[pos..], out int n);
                pos += n;
                if (code > int.MaxValue || !MultiaddressProtocol.TryGet((int)code, out var p))
                    throw new InvalidMultiaddressException($"unknown protocol code {code}");
                int size = p.SizeBits / 8;
                if (p.SizeBits == MultiaddressProtocol.VariableSize)
                {
                    ulong len = Varint.Read(bytes[pos..], out n);
                    pos += n;
                    if (len > (ulong)(bytes.Length - pos))
                        throw new InvalidMultiaddressException($"/{p.Name} value length {len} runs past the end");
                    size = (int)len;
                }
                if (bytes.Length - pos < size)
                    throw new InvalidMultiaddressException($"/{p.Name} value is truncated");
                var value = bytes.Slice(pos, size).ToArray();
                MultiaddressValueCodec.Validate(p, value);
                pos += size;
                list.Add(new MultiaddressComponent(p, value));
            }
        }
        catch (InvalidVarintException e)
        {
            throw new InvalidMultiaddressException("binary multiaddress has a bad varint: " + e.Message);
        }
        if (list.Count == 0) throw new InvalidMultiaddressException("binary multiaddress is empty");
        return new Multiaddress(list);
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        Span<byte> tmp = stackalloc byte[Varint.MaxLength];
        foreach (var c in Components)
        {
            ms.Write(tmp[..Varint.Write(tmp, (ulong)c.Protocol.Code)]);
            if (c.Protocol.SizeBits == MultiaddressProtocol.VariableSize)
                ms.Write(tmp[..Varint.Write(tmp, (ulong)c.Value.Length)]);
            ms.Write(c.Value);
        }
        return ms.ToArray();
    }

    public static Multiaddress FromComponents(IEnumerable<MultiaddressComponent> components)
    {
        var list = components.ToList();
        if (list.Count == 0) throw new InvalidMultiaddressException("multiaddress is empty");
        return new Multiaddress(list);
    }

    /// <summary>/ip4/a.b.c.d/tcp/port or /ip6/…/tcp/port for a TCP endpoint.</summary>
    public static Multiaddress FromTcpEndPoint(IPEndPoint ep)
    {
        var addr = ep.Address.IsIPv4MappedToIPv6 ? ep.Address.MapToIPv4() : ep.Address;
        var ipProto = addr.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? MultiaddressProtocol.Ip4 : MultiaddressProtocol.Ip6;
        var port = new byte[2];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(port, (ushort)ep.Port);
        return new Multiaddress([new(ipProto, addr.GetAddressBytes()), new(MultiaddressProtocol.Tcp, port)]);
    }

    /// <summary>The peer ID of the last /p2p/ component, if any.</summary>
    public PeerId? PeerId
    {
        get
        {
            for (int i = Components.Count - 1; i >= 0; i--)
                if (Components[i].Protocol.Code == MultiaddressProtocol.P2p.Code)
                    return Identity.PeerId.FromBytes(Components[i].Value);
            return null;
        }
    }

    /// <summary>This address without a trailing /p2p/ component.</summary>
    public Multiaddress WithoutPeerId()
    {
        if (Components[^1].Protocol.Code != MultiaddressProtocol.P2p.Code || Components.Count == 1) return this;
        return new Multiaddress(Components.Take(Components.Count - 1).ToList());
    }

    /// <summary>This address with /p2p/&lt;peer&gt; appended (replacing an existing one).</summary>
    public Multiaddress WithPeerId(PeerId peer) =>
        new(WithoutPeerId().Components.Append(new(MultiaddressProtocol.P2p, peer.Bytes.ToArray())).ToList());

    /// <summary>Whether the first component names a protocol (by name).</summary>
    public bool Has(MultiaddressProtocol protocol) => Components.Any(c => c.Protocol.Code == protocol.Code);

    /// <summary>The host part (IP text or DNS name) and TCP port, when this is a TCP address.</summary>
    public bool TryGetTcpTarget(out string host, out int port, out MultiaddressProtocol hostProtocol)
    {
        host = "";
        port = 0;
        hostProtocol = MultiaddressProtocol.Ip4;
        if (Components.Count < 2 || Components[1].Protocol.Code != MultiaddressProtocol.Tcp.Code) return false;
        var first = Components[0];
        hostProtocol = first.Protocol;
        switch (first.Protocol.Name)
        {
            case "ip4":
            case "ip6":
                host = new IPAddress(first.Value).ToString();
                break;
            case "dns":
            case "dns4":
            case "dns6":
                host = Encoding.UTF8.GetString(first.Value);
                break;
            default:
                return false;
        }
        port = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(Components[1].Value);
        return true;
    }

    public override string ToString() => string.Concat(Components.Select(c => c.ToString()));

    public bool Equals(Multiaddress? other) =>
        other is not null && Components.Count == other.Components.Count && Components.SequenceEqual(other.Components);

    public override bool Equals(object? obj) => Equals(obj as Multiaddress);

    public override int GetHashCode()
    {
        var hc = new HashCode();
        foreach (var c in Components) hc.Add(c);
        return hc.ToHashCode();
    }

    public static bool operator ==(Multiaddress? a, Multiaddress? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Multiaddress? a, Multiaddress? b) => !(a == b);
}
