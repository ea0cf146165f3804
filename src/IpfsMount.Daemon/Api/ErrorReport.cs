// Turns any exception into the one user-facing line (and a stable kind) printed as `Error: …`; the HTTP API
// sends the same report so a remote call fails with the same words as a local one.
using System.Net.Sockets;
using Mfs = IpfsMount.Mfs;

namespace IpfsMount.Daemon.Api;

public sealed record ErrorReport(string Kind, string Message)
{
    private const int Enospc = 28;

    public static ErrorReport From(Exception ex)
    {
        switch (ex)
        {
            case NodeApiException api: return new(api.Kind, api.Message);
            case AggregateException { InnerExceptions.Count: 1 } agg: return From(agg.InnerExceptions[0]);
            case OperationCanceledException: return new("canceled", "operation canceled");
            case HttpRequestException http when http.InnerException is SocketException:
                return new("daemon-unreachable", $"cannot reach the daemon: {http.Message}");
            case FileNotFoundException or DirectoryNotFoundException: return new("not-found", ex.Message);
            case Mfs.MfsException mfs:
                return new(mfs.Kind switch
                {
                    Mfs.MfsErrorKind.NotFound => "not-found",
                    Mfs.MfsErrorKind.InvalidArgument or Mfs.MfsErrorKind.AlreadyExists or Mfs.MfsErrorKind.NotEmpty
                        or Mfs.MfsErrorKind.NotADirectory or Mfs.MfsErrorKind.IsADirectory => "invalid-input",
                    Mfs.MfsErrorKind.InvalidData => "corrupt",
                    _ => "internal",
                }, ex.Message);
            case UnauthorizedAccessException: return new("permission-denied", ex.Message);
            case IOException io when (io.HResult & 0xFFFF) == Enospc || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase):
                return new("no-space", $"no space left on device: {io.Message}");
        }
        if (ex.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
            return new("no-space", ex.Message); // e.g. RocksDB's "IO error: No space left on device: …"
        var type = ex.GetType().Name;
        var kind = type switch
        {
            "BlockNotFoundException" or "KeyNotFoundException" or "PathNotFoundException" => "not-found",
            "BlockCorruptException" => "corrupt",
            "RepoLockedException" => "repo-locked",
            "RepoNotFoundException" => "repo-not-found",
            _ when ex is FormatException or ArgumentException => "invalid-input",
            _ when ex is IOException => "io",
            _ => "internal",
        };
        return new(kind, ex.Message);
    }
}
