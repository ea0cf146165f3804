// Multiaddress text/binary codec: known encodings, round trips, properties, and clear errors for bad input.
using FsCheck.Xunit;
using IpfsMount.Net.Addressing;

namespace IpfsMount.Net.Tests.Multiaddresses; // not ".Addressing": that would shadow IpfsMount.Net.Addressing in sibling test namespaces

public sealed class MultiaddressTests
{
    [Theory]
    [InlineData("/ip4/127.0.0.1/tcp/4001", "047f000001060fa1")]
    [InlineData("/ip6/::1/tcp/4001", "2900000000000000000000000000000001060fa1")]
    [InlineData("/ip4/1.2.3.4/udp/4001/quic-v1", "04010203049102" + "0fa1" + "cd03")]
    [InlineData("/dns4/example.com/tcp/443", "360b6578616d706c652e636f6d0601bb")]
    public void Known_addresses_have_the_spec_binary_encoding(string text, string hex)
    {
        var ma = Multiaddress.Parse(text);
        Assert.Equal(hex, Convert.ToHexStringLower(ma.ToBytes()));
        Assert.Equal(text, Multiaddress.FromBytes(Convert.FromHexString(hex)).ToString());
    }

    [Theory]
    [InlineData("/ip4/0.0.0.0/tcp/4001")]
    [InlineData("/ip6/::/tcp/4001")]
    [InlineData("/ip6/2001:db8::1/tcp/0")]
    [InlineData("/dns/node.example/tcp/4001")]
    [InlineData("/dns6/node.example/udp/53")]
    [InlineData("/dnsaddr/bootstrap.libp2p.io/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN")]
    [InlineData("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB")]
    [InlineData("/ip4/127.0.0.1/tcp/4001/ws")]
    public void Addresses_round_trip_through_text_and_binary(string text)
    {
        var ma = Multiaddress.Parse(text);
        Assert.Equal(text, ma.ToString());
        Assert.Equal(ma, Multiaddress.FromBytes(ma.ToBytes()));
    }

    [Fact]
    public void The_legacy_ipfs_name_reads_as_p2p_and_the_peer_id_is_exposed()
    {
        var ma = Multiaddress.Parse("/ip4/10.0.0.1/tcp/4001/ipfs/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB");
        Assert.Equal("/ip4/10.0.0.1/tcp/4001/p2p/12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB", ma.ToString());
        Assert.Equal("12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB", ma.PeerId.ToString());
        Assert.Equal("/ip4/10.0.0.1/tcp/4001", ma.WithoutPeerId().ToString());
    }

    [Theory]
    [InlineData("", "must start with '/'")]
    [InlineData("ip4/1.2.3.4", "must start with '/'")]
    [InlineData("/ip4/256.1.1.1", "not an IPv4 address")]
    [InlineData("/ip4/1.2.3", "not an IPv4 address")]
    [InlineData("/ip6/1.2.3.4", "not an IPv6 address")]
    [InlineData("/ip4/1.2.3.4/tcp/65536", "port")]
    [InlineData("/ip4/1.2.3.4/tcp/-1", "port")]
    [InlineData("/ip4", "needs a value")]
    [InlineData("/foo/1", "unknown protocol 'foo'")]
    [InlineData("/ip4/1.2.3.4/tcp/1/p2p/notapeer", "/p2p/notapeer")]
    public void Bad_text_fails_with_a_message_naming_the_problem(string text, string fragment)
    {
        var e = Assert.Throws<InvalidMultiaddressException>(() => Multiaddress.Parse(text));
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("047f0000", "truncated")]
    [InlineData("ff7f", "unknown protocol code")]
    [InlineData("3620616263", "runs past the end")]
    [InlineData("a503050000", "/p2p")]
    public void Bad_binary_fails_with_a_clear_error(string hex, string fragment)
    {
        var e = Assert.Throws<InvalidMultiaddressException>(() => Multiaddress.FromBytes(Convert.FromHexString(hex)));
        Assert.Contains(fragment, e.Message);
    }

    [Property(MaxTest = 200)]
    public bool Any_ip4_tcp_address_round_trips(uint ip, ushort port)
    {
        var text = $"/ip4/{ip >> 24}.{(ip >> 16) & 255}.{(ip >> 8) & 255}.{ip & 255}/tcp/{port}";
        var ma = Multiaddress.Parse(text);
        return ma.ToString() == text && Multiaddress.FromBytes(ma.ToBytes()) == ma;
    }

    [Property(MaxTest = 200)]
    public bool Any_ip6_udp_address_round_trips(byte[] raw, ushort port)
    {
        var bytes = new byte[16];
        (raw ?? []).AsSpan(0, Math.Min(16, raw?.Length ?? 0)).CopyTo(bytes);
        var ip = new System.Net.IPAddress(bytes);
        var ma = Multiaddress.Parse($"/ip6/{ip}/udp/{port}");
        return Multiaddress.FromBytes(ma.ToBytes()) == ma && Multiaddress.Parse(ma.ToString()) == ma;
    }

    [Property(MaxTest = 500)]
    public bool Random_bytes_either_decode_and_re_encode_or_fail_with_InvalidMultiaddressException(byte[] junk)
    {
        try
        {
            var ma = Multiaddress.FromBytes(junk ?? []);
            return ma.ToBytes().AsSpan().SequenceEqual(junk) || Multiaddress.FromBytes(ma.ToBytes()) == ma;
        }
        catch (InvalidMultiaddressException)
        {
            return true;
        }
    }
}
