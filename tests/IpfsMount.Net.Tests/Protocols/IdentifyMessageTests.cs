// Identify protobuf: round trips, tolerance of unknown fields and addresses, and clear errors for malformed bytes.
using FsCheck.Xunit;
using IpfsMount.Core;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Protobuf;
using IpfsMount.Net.Protocols;

namespace IpfsMount.Net.Tests.Protocols;

public sealed class IdentifyMessageTests
{
    [Fact]
    public void A_full_message_round_trips()
    {
        using var id = PeerIdentity.Generate();
        var msg = new IdentifyMessage
        {
            ProtocolVersion = "ipfs/0.1.0",
            AgentVersion = "ipfsmount/0.1.0",
            PublicKey = id.PublicKeyProtobuf,
            ListenAddresses = [Multiaddress.Parse("/ip4/127.0.0.1/tcp/4001"), Multiaddress.Parse("/ip6/::1/tcp/4001")],
            ObservedAddress = Multiaddress.Parse("/ip4/10.1.2.3/tcp/55555"),
            Protocols = ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"],
        };
        var back = IdentifyMessage.Decode(msg.Encode());
        Assert.Equal(msg.ProtocolVersion, back.ProtocolVersion);
        Assert.Equal(msg.AgentVersion, back.AgentVersion);
        Assert.Equal(msg.PublicKey, back.PublicKey);
        Assert.Equal(msg.ListenAddresses, back.ListenAddresses);
        Assert.Equal(msg.ObservedAddress, back.ObservedAddress);
        Assert.Equal(msg.Protocols, back.Protocols);
    }

    [Fact]
    public void Unknown_fields_and_unknown_address_protocols_are_skipped()
    {
        var buffer = new byte[64];
        var w = new ProtobufWriter(buffer);
        w.WriteBytesField(6, "other/1.0"u8);
        w.WriteBytesField(2, Convert.FromHexString("ff7f00")); // unknown multiaddr protocol
        w.WriteBytesField(2, Multiaddress.Parse("/ip4/1.2.3.4/tcp/1").ToBytes());
        w.WriteBytesField(8, [1, 2, 3]); // signedPeerRecord
        w.WriteVarintField(99, 7);
        var msg = IdentifyMessage.Decode(buffer.AsSpan(0, w.Position));
        Assert.Equal("other/1.0", msg.AgentVersion);
        Assert.Equal([Multiaddress.Parse("/ip4/1.2.3.4/tcp/1")], msg.ListenAddresses);
    }

    [Theory]
    [InlineData("0a05aabb", "length 5 runs past the end")]
    [InlineData("3280", "truncated varint")]
    [InlineData("0f", "wire type 7")]
    [InlineData("00", "invalid field number")]
    [InlineData("1a02c328", "field 3 is not valid UTF-8")]
    public void Malformed_bytes_fail_with_InvalidProtobufException(string hex, string fragment)
    {
        var e = Assert.Throws<InvalidProtobufException>(() => IdentifyMessage.Decode(Convert.FromHexString(hex)));
        Assert.Contains(fragment, e.Message);
    }

    [Property(MaxTest = 500)]
    public bool Random_bytes_decode_or_fail_only_with_a_format_error(byte[] junk)
    {
        try
        {
            IdentifyMessage.Decode(junk ?? []);
            return true;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    [Property(MaxTest = 100)]
    public bool Protocol_lists_round_trip(string[] protocols)
    {
        var list = (protocols ?? []).Where(p => p is not null && !p.Any(char.IsSurrogate)).ToList();
        var back = IdentifyMessage.Decode(new IdentifyMessage { Protocols = list }.Encode());
        return back.Protocols.SequenceEqual(list);
    }
}
