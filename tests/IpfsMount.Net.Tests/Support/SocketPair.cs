// Test support: a connected pair of loopback TCP streams (127.0.0.1 only) for protocol tests.
using System.Net;
using System.Net.Sockets;

namespace IpfsMount.Net.Tests.Support;

internal static class SocketPair
{
    public static async Task<(NetworkStream Client, NetworkStream Server)> CreateAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accept = listener.AcceptSocketAsync();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint).WaitAsync(TimeSpan.FromSeconds(10));
        var server = await accept.WaitAsync(TimeSpan.FromSeconds(10));
        server.NoDelay = true;
        return (new NetworkStream(client, true), new NetworkStream(server, true));
    }
}
