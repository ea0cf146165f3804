// The daemon's API address as written to `$IPFSMOUNT_PATH/api` (a multiaddr, like Kubo's api file):
// `/ip4/127.0.0.1/tcp/<port>` or `/unix/<absolute socket path>`.
using System.Net.Sockets;

namespace IpfsMount.Daemon.Http;

public sealed record ApiAddress(string? Host, int Port, string? SocketPath)
{
    public const string FileName = "api";

    public bool IsUnixSocket => SocketPath is not null;

    public static ApiAddress Tcp(string host, int port) => new(host, port, null);

    public static ApiAddress Unix(string socketPath) => new(null, 0, Path.GetFullPath(socketPath));

    public static ApiAddress Parse(string text)
    {
        text = text.Trim();
        if (text.StartsWith("/unix/", StringComparison.Ordinal)) return Unix(text["/unix".Length..]);
        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 4 && parts[0] is "ip4" or "ip6" && parts[2] == "tcp" && int.TryParse(parts[3], out var port) && port is > 0 and < 65536)
            return Tcp(parts[1], port);
        throw new FormatException($"bad API address '{text}': expected /ip4/<ip>/tcp/<port> or /unix/<path>");
    }

    /// <summary>Reads `&lt;repo&gt;/api`; null when the file is absent or unreadable.</summary>
    public static ApiAddress? TryRead(string repoPath)
    {
        var file = Path.Combine(repoPath, FileName);
        try
        {
            return File.Exists(file) ? Parse(File.ReadAllText(file)) : null;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public Uri BaseUri => IsUnixSocket ? new Uri("http://localhost/") : new Uri($"http://{(Host!.Contains(':') ? $"[{Host}]" : Host)}:{Port}/");

    /// <summary>An HTTP client for this address: plain TCP, or a connection to the Unix socket.</summary>
    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
        if (SocketPath is { } socketPath)
        {
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(handler) { BaseAddress = BaseUri, Timeout = timeout };
    }

    public override string ToString() =>
        IsUnixSocket ? "/unix" + SocketPath : $"/{(Host!.Contains(':') ? "ip6" : "ip4")}/{Host}/tcp/{Port}";
}
