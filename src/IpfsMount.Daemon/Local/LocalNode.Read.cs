// `cat`, `get`, `ls` and `dag export|import`: reading UnixFS DAGs and moving them as CAR files.
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    // Interim until the UnixFS reader and CAR codec are on main.
    public Task<Stream> CatAsync(string path, long offset, long? length, CancellationToken ct = default) => throw Unavailable("cat");
    public Task GetAsync(string path, IEntrySink sink, CancellationToken ct = default) => throw Unavailable("get");
    public IAsyncEnumerable<LsEntry> LsAsync(string path, CancellationToken ct = default) => throw Unavailable("ls");
    public Task DagExportAsync(string root, Stream output, CancellationToken ct = default) => throw Unavailable("dag export");
    public IAsyncEnumerable<DagImportResult> DagImportAsync(Stream car, bool pinRoots, CancellationToken ct = default) => throw Unavailable("dag import");

    private static NodeApiException Unavailable(string verb) => new("unavailable", $"{verb} is not available yet in this build");

    private async Task<Core.Cid> ResolveCidAsync(string text, CancellationToken ct)
    {
        var path = IpfsPath.Parse(text);
        if (path.SubPath.Length == 0) return path.Root;
        await Task.CompletedTask;
        throw Unavailable("resolving sub-paths");
    }
}
