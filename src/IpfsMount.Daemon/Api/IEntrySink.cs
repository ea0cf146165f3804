// Receives the entries of a UnixFS tree during `get`: the CLI writes them to disk, the HTTP server frames them.
namespace IpfsMount.Daemon.Api;

public interface IEntrySink
{
    /// <summary>relativePath is "" for the root itself, else "a/b.txt" with '/' separators.</summary>
    ValueTask DirectoryAsync(string relativePath, CancellationToken ct);
    ValueTask FileAsync(string relativePath, Stream content, CancellationToken ct);
    ValueTask SymlinkAsync(string relativePath, string target, CancellationToken ct);
}
