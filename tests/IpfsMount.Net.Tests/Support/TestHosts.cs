// Test support: hosts listening on 127.0.0.1 with an ephemeral port, and an echo protocol handler.
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Tests.Support;

internal static class TestHosts
{
    public const string EchoProtocol = "/ipfsmount/test/echo/1.0.0";

    public static async Task<(Libp2pHost Host, Multiaddress Address)> StartAsync(Libp2pHostOptions? options = null)
    {
        var host = new Libp2pHost(PeerIdentity.Generate(), options ?? new Libp2pHostOptions { ListenAddresses = [] });
        var addr = await host.ListenAsync(Multiaddress.Parse("/ip4/127.0.0.1/tcp/0"));
        return (host, addr.WithPeerId(host.Id));
    }

    /// <summary>Echoes everything until the remote half-closes, then half-closes too.</summary>
    public static void AddEcho(Libp2pHost host) => host.SetStreamHandler(EchoProtocol, async (s, ct) =>
    {
        var buf = new byte[64 * 1024];
        int n;
        while ((n = await s.Stream.ReadAsync(buf, ct)) > 0) await s.Stream.WriteAsync(buf.AsMemory(0, n), ct);
        await s.Stream.CloseWriteAsync();
    });

    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
