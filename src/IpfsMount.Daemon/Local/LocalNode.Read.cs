// `cat`, `get`, `ls`. Interim: these wait for the UnixFS reader to be on
// main (they are written against them on the cli branch and come back with the next publish).
using IpfsMount.Core;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    public Task<Stream> CatAsync(string path, long offset, long? length, CancellationToken ct = default) => throw Unavailable("cat", path);
    public Task GetAsync(string path, IEntrySink sink, CancellationToken ct = default) => throw Unavailable("get", path);
    public IAsyncEnumerable<LsEntry> LsAsync(string path, CancellationToken ct = default) => throw Unavailable("ls", path);

    private static Exception Unavailable(string verb, string? path)
    {
        if (path is not null) IpfsPath.Parse(path); // a bad path is still reported as such
        return new NodeApiException("unavailable", $"{verb} is not available in this build yet");
    }

    private Task<Cid> ResolveCidAsync(string text, CancellationToken ct)
    {
        var path = IpfsPath.Parse(text);
        return path.SubPath.Length == 0 ? Task.FromResult(path.Root) : throw Unavailable("resolving a sub-path", null);
    }
}
