// multistream-select 1.0 between our initiator and responder over loopback TCP, plus malformed input.
using IpfsMount.Core;
using IpfsMount.Net.Multistream;
using IpfsMount.Net.Tests.Support;

namespace IpfsMount.Net.Tests.Multistream;

public sealed class MultistreamSelectTests
{
    private static readonly string[] Supported = ["/b/1.0.0", "/c/1.0.0"];

    private static Task<string> Respond(Stream s, CancellationToken ct) =>
        MultistreamSelect.HandleAsync(s, p => Supported.Contains(p), () => Supported, ct);

    [Fact]
    public async Task The_first_protocol_both_sides_support_is_chosen_after_a_refusal()
    {
        var (client, server) = await SocketPair.CreateAsync();
        using (client)
        using (server)
        {
            var ct = TestHosts.Timeout();
            var responder = Respond(server, ct);
            var chosen = await MultistreamSelect.SelectAsync(client, ["/a/1.0.0", "/c/1.0.0", "/b/1.0.0"], ct);
            Assert.Equal("/c/1.0.0", chosen);
            Assert.Equal("/c/1.0.0", await responder);
        }
    }

    [Fact]
    public async Task No_common_protocol_fails_with_the_proposals_named()
    {
        var (client, server) = await SocketPair.CreateAsync();
        using (client)
        using (server)
        {
            var ct = TestHosts.Timeout();
            _ = Respond(server, ct);
            var e = await Assert.ThrowsAsync<ProtocolNegotiationException>(() => MultistreamSelect.SelectAsync(client, ["/x/1", "/y/1"], ct));
            Assert.Contains("/x/1, /y/1", e.Message);
        }
    }

    [Fact]
    public async Task Ls_lists_the_supported_protocols()
    {
        var (client, server) = await SocketPair.CreateAsync();
        using (client)
        using (server)
        {
            var ct = TestHosts.Timeout();
            _ = Respond(server, ct);
            await MultistreamSelect.WriteMessageAsync(client, MultistreamSelect.ProtocolId, ct);
            await MultistreamSelect.WriteMessageAsync(client, MultistreamSelect.List, ct);
            Assert.Equal(MultistreamSelect.ProtocolId, await MultistreamSelect.ReadMessageAsync(client, ct));
            var outerLength = await Varint.ReadAsync(client, ct);
            var body = new byte[(int)outerLength!.Value];
            await client.ReadExactlyAsync(body, ct);
            var inner = new MemoryStream(body);
            Assert.Equal("/b/1.0.0", await MultistreamSelect.ReadMessageAsync(inner, ct));
            Assert.Equal("/c/1.0.0", await MultistreamSelect.ReadMessageAsync(inner, ct));
        }
    }

    [Theory]
    [InlineData("00", "out of range")]
    [InlineData("ffffffff0f", "out of range")]
    [InlineData("03616263", "newline")]
    [InlineData("0561", "closed in the middle")]
    [InlineData("", "closed during protocol negotiation")]
    [InlineData("ffffffffffffffffffff", "bad length prefix")]
    public async Task Malformed_messages_fail_with_a_negotiation_error(string hex, string fragment)
    {
        var input = new MemoryStream(Convert.FromHexString(hex));
        var e = await Assert.ThrowsAsync<ProtocolNegotiationException>(() => MultistreamSelect.ReadMessageAsync(input, TestHosts.Timeout()));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public async Task A_peer_that_answers_with_a_different_header_is_rejected()
    {
        var (client, server) = await SocketPair.CreateAsync();
        using (client)
        using (server)
        {
            var ct = TestHosts.Timeout();
            await MultistreamSelect.WriteMessageAsync(server, "/multistream/2.0.0", ct);
            var e = await Assert.ThrowsAsync<ProtocolNegotiationException>(() => MultistreamSelect.SelectAsync(client, ["/a/1"], ct));
            Assert.Contains("/multistream/2.0.0", e.Message);
        }
    }
}
