// Converts multiaddr component values between text and binary (multiaddr spec: ip4/ip6 bytes, ports
// big-endian, dns names UTF-8, p2p multihash, certhash multibase).
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IpfsMount.Core;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Addressing;

/// <summary>Text ⇄ binary values for the protocols in <see cref="MultiaddressProtocol"/>.</summary>
internal static class MultiaddressValueCodec
{
    public static byte[] Parse(MultiaddressProtocol p, string text)
    {
        switch (p.Name)
        {
            case "ip4":
                if (!IPAddress.TryParse(text, out var a4) || a4.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
                    throw new InvalidMultiaddressException($"'{text}' is not an IPv4 address");
                return a4.GetAddressBytes();
            case "ip6":
                if (!IPAddress.TryParse(text, out var a6) || a6.AddressFamily != AddressFamily.InterNetworkV6 || text.Contains('%'))
                    throw new InvalidMultiaddressException($"'{text}' is not an IPv6 address");
                return a6.GetAddressBytes();
            case "tcp":
            case "udp":
                if (!ushort.TryParse(text, System.Globalization.NumberStyles.None, null, out var port))
                    throw new InvalidMultiaddressException($"'{text}' is not a port number (0-65535)");
                var pb = new byte[2];
                BinaryPrimitives.WriteUInt16BigEndian(pb, port);
                return pb;
            case "p2p":
                try
                {
                    return PeerId.Parse(text).Bytes.ToArray();
                }
                catch (InvalidPeerIdException e)
                {
                    throw new InvalidMultiaddressException($"/p2p/{text}: {e.Message}");
                }
            case "certhash":
                try
                {
                    return Multibase.Decode(text);
                }
                catch (FormatException e)
                {
                    throw new InvalidMultiaddressException($"/certhash/{text}: {e.Message}");
                }
            default:
                if (p.SizeBits == 0) throw new InvalidMultiaddressException($"/{p.Name} takes no value");
                if (text.Length == 0 || text.Contains('/'))
                    throw new InvalidMultiaddressException($"/{p.Name} needs a non-empty value without '/'");
                return Encoding.UTF8.GetBytes(text);
        }
    }

    public static string Format(MultiaddressProtocol p, byte[] value)
    {
        switch (p.Name)
        {
            case "ip4":
            case "ip6":
                return new IPAddress(value).ToString();
            case "tcp":
            case "udp":
                return BinaryPrimitives.ReadUInt16BigEndian(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "p2p":
                return PeerId.FromBytes(value).ToString();
            case "certhash":
                return Multibase.Encode(value, MultibaseEncoding.Base64Url);
            default:
                return p.SizeBits == 0 ? "" : Encoding.UTF8.GetString(value);
        }
    }

    /// <summary>Checks a binary value read off the wire.</summary>
    public static void Validate(MultiaddressProtocol p, byte[] value)
    {
        switch (p.Name)
        {
            case "p2p":
                try
                {
                    PeerId.FromBytes(value);
                }
                catch (InvalidPeerIdException e)
                {
                    throw new InvalidMultiaddressException("/p2p value: " + e.Message);
                }
                break;
            case "dns":
            case "dns4":
            case "dns6":
            case "dnsaddr":
            case "ip6zone":
                try
                {
                    var s = new UTF8Encoding(false, true).GetString(value);
                    if (s.Length == 0 || s.Contains('/')) throw new InvalidMultiaddressException($"/{p.Name} value is empty or holds '/'");
                }
                catch (DecoderFallbackException)
                {
                    throw new InvalidMultiaddressException($"/{p.Name} value is not UTF-8");
                }
                break;
        }
    }
}
