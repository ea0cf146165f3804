// Measures bulk throughput of our stack (TCP + noise + yamux) between two of our hosts on 127.0.0.1.
// Prints MB/s (no timing assertion: the machine is shared); checks that every byte arrives intact.
using System.Diagnostics;
using System.Security.Cryptography;
using IpfsMount.Net.Tests.Support;
using IpfsMount.Net.Yamux;
using Xunit.Abstractions;

namespace IpfsMount.Net.Tests.Performance;

public sealed class ThroughputTests(ITestOutputHelper output)
{
    private const string SinkProtocol = "/ipfsmount/test/sink/1.0.0";

    [Theory]
    [InlineData(1, 128)]
    [InlineData(8, 16)]
    public async Task Bulk_transfer_arrives_intact_and_its_rate_is_reported(int streams, int mibPerStream)
    {
        var (a, _) = await TestHosts.StartAsync();
        var (b, bAddr) = await TestHosts.StartAsync();
        await using (a)
        await using (b)
        {
            b.SetStreamHandler(SinkProtocol, async (s, ct) =>
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buf = new byte[256 * 1024];
                int n;
                while ((n = await s.Stream.ReadAsync(buf, ct)) > 0) hash.AppendData(buf, 0, n);
                await s.Stream.WriteAsync(hash.GetHashAndReset(), ct);
            });
            await a.DialAsync(bAddr, TestHosts.Timeout());
            var ct = TestHosts.Timeout(240);
            var chunk = RandomNumberGenerator.GetBytes(1 << 20);
            var expected = SHA256.HashData(Enumerable.Repeat(chunk, mibPerStream).SelectMany(c => c).ToArray());
            var sw = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(async _ =>
            {
                await using var s = (YamuxStream)await a.NewStreamAsync(b.Id, [SinkProtocol], ct);
                for (int i = 0; i < mibPerStream; i++) await s.WriteAsync(chunk, ct);
                await s.CloseWriteAsync();
                var digest = new byte[32];
                await s.ReadExactlyAsync(digest, ct);
                return digest;
            }));
            sw.Stop();
            Assert.All(results, d => Assert.Equal(expected, d));
            double mb = streams * mibPerStream * 1048576.0 / 1e6;
            output.WriteLine($"{streams} stream(s) x {mibPerStream} MiB: {mb / sw.Elapsed.TotalSeconds:F0} MB/s ({sw.Elapsed.TotalMilliseconds:F0} ms, shared 2-core machine)");
        }
    }
}
