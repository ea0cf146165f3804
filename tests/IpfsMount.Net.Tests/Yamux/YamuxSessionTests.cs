// Yamux sessions between two of ours (over noise on loopback TCP): many streams, flow control, close and reset.
using FsCheck.Xunit;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Noise;
using IpfsMount.Net.Tests.Support;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Tests.Yamux;

public sealed class YamuxSessionTests
{
    private static async Task<(YamuxSession Client, YamuxSession Server)> PairAsync()
    {
        var (c, s) = await SocketPair.CreateAsync();
        var ct = TestHosts.Timeout();
        var serverSide = NoiseHandshake.RespondAsync(s, PeerIdentity.Generate(), ct);
        var clientChannel = await NoiseHandshake.InitiateAsync(c, PeerIdentity.Generate(), null, ct);
        var client = new YamuxSession(clientChannel, isClient: true);
        var server = new YamuxSession(await serverSide, isClient: false);
        client.Start();
        server.Start();
        return (client, server);
    }

    private static void ServeEcho(YamuxSession session) => _ = Task.Run(async () =>
    {
        while (true)
        {
            YamuxStream s;
            try { s = await session.AcceptStreamAsync(CancellationToken.None); }
            catch (YamuxException) { return; }
            _ = Task.Run(async () =>
            {
                await using (s)
                {
                    var buf = new byte[16 * 1024];
                    int n;
                    while ((n = await s.ReadAsync(buf)) > 0) await s.WriteAsync(buf.AsMemory(0, n));
                }
            });
        }
    });

    [Fact]
    public async Task A_hundred_concurrent_streams_echo_their_own_data()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            ServeEcho(server);
            var ct = TestHosts.Timeout(120);
            var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
            {
                var data = new byte[10_000 + i * 5_000];
                new Random(i).NextBytes(data);
                await using var s = client.OpenStream();
                Assert.Equal(1u, s.Id % 2);
                var writing = Task.Run(async () => { await s.WriteAsync(data, ct); await s.CloseWriteAsync(); }, ct);
                var back = new MemoryStream();
                await s.CopyToAsync(back, ct);
                await writing;
                return back.ToArray().AsSpan().SequenceEqual(data);
            }));
            Assert.All(results, Assert.True);
        }
    }

    [Fact]
    public async Task A_writer_stops_at_the_256_KiB_window_until_the_reader_consumes()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            var ct = TestHosts.Timeout(60);
            var s = client.OpenStream();
            await s.WriteAsync(new byte[1], ct);
            var remote = await server.AcceptStreamAsync(ct);
            var one = new byte[1];
            await remote.ReadExactlyAsync(one, ct);

            int completed = 0;
            var chunk = new byte[64 * 1024];
            var writer = Task.Run(async () =>
            {
                for (int i = 0; i < 16; i++)
                {
                    await s.WriteAsync(chunk, ct);
                    Interlocked.Increment(ref completed);
                }
                await s.CloseWriteAsync();
            }, ct);
            await Task.Delay(700, ct);
            Assert.Equal(3, Volatile.Read(ref completed)); // window 256 KiB - 1 byte: the 4th chunk lacks one byte
            Assert.False(writer.IsCompleted);

            var all = new MemoryStream();
            await remote.CopyToAsync(all, ct);
            await writer;
            Assert.Equal(16 * chunk.Length, all.Length);
        }
    }

    [Fact]
    public async Task Half_close_ends_the_remote_read_but_the_remote_can_still_answer()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            var ct = TestHosts.Timeout();
            var s = client.OpenStream();
            await s.WriteAsync("question"u8.ToArray(), ct);
            await s.CloseWriteAsync();
            var remote = await server.AcceptStreamAsync(ct);
            var got = new MemoryStream();
            await remote.CopyToAsync(got, ct);
            Assert.Equal("question"u8.ToArray(), got.ToArray());
            await remote.WriteAsync("answer"u8.ToArray(), ct);
            await remote.CloseWriteAsync();
            var answer = new MemoryStream();
            await s.CopyToAsync(answer, ct);
            Assert.Equal("answer"u8.ToArray(), answer.ToArray());
            Assert.Throws<InvalidOperationException>(() => s.Write(new byte[1], 0, 1));
        }
    }

    [Fact]
    public async Task A_reset_reaches_the_remote_as_an_error()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            var ct = TestHosts.Timeout();
            var s = client.OpenStream();
            await s.WriteAsync(new byte[10], ct);
            var remote = await server.AcceptStreamAsync(ct);
            await remote.ReadExactlyAsync(new byte[10], ct);
            s.Reset();
            var e = await Assert.ThrowsAsync<YamuxStreamResetException>(async () => await remote.ReadExactlyAsync(new byte[10], ct));
            Assert.Contains("reset by remote peer", e.Message);
        }
    }

    [Fact]
    public async Task Closing_the_session_fails_pending_reads_and_pings_answer_while_open()
    {
        var (client, server) = await PairAsync();
        await using (server)
        {
            var ct = TestHosts.Timeout();
            var rtt = await client.PingAsync(ct);
            Assert.True(rtt < TimeSpan.FromSeconds(5));
            var s = client.OpenStream();
            var pending = s.ReadExactlyAsync(new byte[10], ct).AsTask();
            await client.DisposeAsync();
            await Assert.ThrowsAsync<YamuxStreamResetException>(() => pending);
            Assert.Null(await server.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task Sixteen_mebibytes_on_one_stream_arrive_in_order()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            ServeEcho(server);
            var ct = TestHosts.Timeout(120);
            var data = new byte[16 << 20];
            new Random(5).NextBytes(data);
            await using var s = client.OpenStream();
            var writing = Task.Run(async () => { await s.WriteAsync(data, ct); await s.CloseWriteAsync(); }, ct);
            var back = new MemoryStream();
            await s.CopyToAsync(back, ct);
            await writing;
            Assert.True(back.ToArray().AsSpan().SequenceEqual(data));
        }
    }

    [Property(MaxTest = 200)]
    public bool Headers_round_trip(byte type, ushort flags, uint id, uint length)
    {
        var h = new YamuxHeader((YamuxFrameType)(type % 4), (YamuxFlags)flags, id, length);
        var bytes = new byte[12];
        h.WriteTo(bytes);
        return YamuxHeader.Read(bytes) == h;
    }

    [Theory]
    [InlineData("010000000000000100000000", "version 1")]
    [InlineData("000400000000000100000000", "frame type 4")]
    public void Bad_headers_are_rejected_with_a_clear_error(string hex, string fragment)
    {
        var e = Assert.Throws<YamuxException>(() => YamuxHeader.Read(Convert.FromHexString(hex)));
        Assert.Contains(fragment, e.Message);
    }
}
