// The `get` sink of the HTTP server: writes each entry of the tree into the response with the entry framing.
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Http;

internal sealed class FramingEntrySink(EntryFrameWriter writer) : IEntrySink
{
    public ValueTask DirectoryAsync(string relativePath, CancellationToken ct) =>
        new(writer.DirectoryAsync(relativePath, null, null, ct));

    public ValueTask FileAsync(string relativePath, Stream content, CancellationToken ct) =>
        new(writer.FileAsync(relativePath, null, null, content, null, ct));

    public ValueTask SymlinkAsync(string relativePath, string target, CancellationToken ct) =>
        new(writer.SymlinkAsync(relativePath, target, null, ct));
}
