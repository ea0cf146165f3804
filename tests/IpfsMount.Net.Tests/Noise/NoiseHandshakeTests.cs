// Noise XX between two of our peers over loopback TCP: data both ways, peer-ID checks, tampering and bad handshakes.
using System.Security.Cryptography;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Noise;
using IpfsMount.Net.Tests.Support;

namespace IpfsMount.Net.Tests.Noise;

public sealed class NoiseHandshakeTests
{
    [Fact]
    public async Task Both_sides_learn_each_others_peer_id_and_exchange_large_messages()
    {
        using var alice = PeerIdentity.Generate();
        using var bob = PeerIdentity.Generate();
        var (client, server) = await SocketPair.CreateAsync();
        var ct = TestHosts.Timeout();
        var responding = NoiseHandshake.RespondAsync(server, bob, ct);
        await using var a = await NoiseHandshake.InitiateAsync(client, alice, bob.PeerId, ct);
        await using var b = await responding;
        Assert.Equal(bob.PeerId, a.RemotePeer);
        Assert.Equal(alice.PeerId, b.RemotePeer);
        Assert.Equal(alice.PublicKeyProtobuf, b.RemotePublicKeyProtobuf);

        var big = RandomNumberGenerator.GetBytes(300_000); // spans several 65535-byte frames
        await a.WriteAsync(big, ct);
        await a.FlushAsync(ct);
        var got = new byte[big.Length];
        await b.ReadExactlyAsync(got, ct);
        Assert.Equal(big, got);

        await b.WriteAsync("pong"u8.ToArray(), ct);
        await b.FlushAsync(ct);
        var pong = new byte[4];
        await a.ReadExactlyAsync(pong, ct);
        Assert.Equal("pong"u8.ToArray(), pong);
    }

    [Fact]
    public async Task The_initiator_rejects_a_responder_with_another_peer_id()
    {
        using var alice = PeerIdentity.Generate();
        using var bob = PeerIdentity.Generate();
        using var mallory = PeerIdentity.Generate();
        var (client, server) = await SocketPair.CreateAsync();
        using (client)
        using (server)
        {
            var ct = TestHosts.Timeout();
            _ = NoiseHandshake.RespondAsync(server, mallory, ct);
            var e = await Assert.ThrowsAsync<NoiseHandshakeException>(() => NoiseHandshake.InitiateAsync(client, alice, bob.PeerId, ct));
            Assert.Contains(bob.PeerId.ToString(), e.Message);
            Assert.Contains(mallory.PeerId.ToString(), e.Message);
        }
    }

    [Fact]
    public async Task A_tampered_transport_frame_is_rejected()
    {
        using var alice = PeerIdentity.Generate();
        using var bob = PeerIdentity.Generate();
        var (client, server) = await SocketPair.CreateAsync();
        var tampering = new TamperingStream(client);
        var ct = TestHosts.Timeout();
        var responding = NoiseHandshake.RespondAsync(server, bob, ct);
        await using var a = await NoiseHandshake.InitiateAsync(tampering, alice, bob.PeerId, ct);
        await using var b = await responding;
        tampering.FlipNextWrite = true;
        await a.WriteAsync(new byte[1000], ct);
        await a.FlushAsync(ct);
        await Assert.ThrowsAsync<NoiseDecryptionException>(async () => await b.ReadAsync(new byte[1000], ct));
    }

    [Fact]
    public async Task A_tampered_handshake_message_is_rejected_by_the_initiator()
    {
        using var alice = PeerIdentity.Generate();
        using var bob = PeerIdentity.Generate();
        var (client, server) = await SocketPair.CreateAsync();
        var ct = TestHosts.Timeout();
        var tampering = new TamperingStream(server) { FlipNextWrite = true };
        _ = NoiseHandshake.RespondAsync(tampering, bob, ct);
        await Assert.ThrowsAsync<NoiseHandshakeException>(() => NoiseHandshake.InitiateAsync(client, alice, null, ct));
        client.Dispose();
        server.Dispose();
    }

    [Theory]
    [InlineData("0000")]
    [InlineData("00051122334455")]
    [InlineData("0040")]
    public async Task Garbage_instead_of_a_handshake_fails_with_a_handshake_error(string hex)
    {
        using var alice = PeerIdentity.Generate();
        var (client, server) = await SocketPair.CreateAsync();
        using (client)
        using (server)
        {
            var ct = TestHosts.Timeout();
            var initiating = NoiseHandshake.InitiateAsync(client, alice, null, ct);
            var first = new byte[2 + 32];
            await server.ReadExactlyAsync(first, ct);
            await server.WriteAsync(Convert.FromHexString(hex), ct);
            server.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await Assert.ThrowsAsync<NoiseHandshakeException>(() => initiating);
        }
    }

    /// <summary>Passes bytes through, flipping one bit of the payload of the next write when armed.</summary>
    private sealed class TamperingStream(Stream inner) : Stream
    {
        public bool FlipNextWrite { get; set; }
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (FlipNextWrite && buffer.Length > 40)
            {
                FlipNextWrite = false;
                var copy = buffer.ToArray();
                copy[40] ^= 1;
                return inner.WriteAsync(copy, ct);
            }
            return inner.WriteAsync(buffer, ct);
        }
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
