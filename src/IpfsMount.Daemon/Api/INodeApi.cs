// The node operations every front end uses (Kubo's command set): implemented by LocalNode (repo opened in this
// process) and RemoteNode (HTTP client of a running daemon); both must give the same results and errors.
namespace IpfsMount.Daemon.Api;

public interface INodeApi : IAsyncDisposable
{
    /// <summary>Imports the inputs in order (a stream input is read to its end before the next input is taken); yields every added entry (files, then their directories, root last) and progress.</summary>
    IAsyncEnumerable<AddEvent> AddAsync(AddRequest request, IAsyncEnumerable<AddInput> inputs, CancellationToken ct = default);

    /// <summary>Opens the bytes of a UnixFS file (path: cid[/sub/path] or /ipfs/cid/...); length null reads to the end.</summary>
    Task<Stream> CatAsync(string path, long offset, long? length, CancellationToken ct = default);

    /// <summary>Walks a UnixFS tree and hands each entry to the sink (streamed, no whole-file buffering).</summary>
    Task GetAsync(string path, IEntrySink sink, CancellationToken ct = default);

    IAsyncEnumerable<LsEntry> LsAsync(string path, CancellationToken ct = default);

    IAsyncEnumerable<string> PinAddAsync(IReadOnlyList<string> paths, bool recursive, CancellationToken ct = default);
    IAsyncEnumerable<string> PinRmAsync(IReadOnlyList<string> paths, CancellationToken ct = default);
    IAsyncEnumerable<PinEntry> PinLsAsync(string type, CancellationToken ct = default);
    IAsyncEnumerable<PinVerifyResult> PinVerifyAsync(CancellationToken ct = default);

    IAsyncEnumerable<string> RepoGcAsync(CancellationToken ct = default);
    Task<RepoStatInfo> RepoStatAsync(CancellationToken ct = default);
    IAsyncEnumerable<RepoVerifyEvent> RepoVerifyAsync(CancellationToken ct = default);

    Task<Stream> BlockGetAsync(string cid, CancellationToken ct = default);
    Task<BlockStatInfo> BlockPutAsync(Stream data, BlockPutRequest request, CancellationToken ct = default);
    Task<BlockStatInfo> BlockStatAsync(string cid, CancellationToken ct = default);
    IAsyncEnumerable<string> BlockRmAsync(IReadOnlyList<string> cids, CancellationToken ct = default);

    /// <summary>Writes a CARv1 of the DAG under root (DFS pre-order, each block once) to output.</summary>
    Task DagExportAsync(string root, Stream output, CancellationToken ct = default);
    IAsyncEnumerable<DagImportResult> DagImportAsync(Stream car, bool pinRoots, CancellationToken ct = default);

    Task<KeyInfo> KeyGenAsync(string name, string type, CancellationToken ct = default);
    IAsyncEnumerable<KeyInfo> KeyListAsync(CancellationToken ct = default);
    Task<KeyInfo> KeyRmAsync(string name, CancellationToken ct = default);
    Task<KeyInfo> KeyRenameAsync(string oldName, string newName, CancellationToken ct = default);
    Task<byte[]> KeyExportAsync(string name, CancellationToken ct = default);
    Task<KeyInfo> KeyImportAsync(string name, byte[] privateKey, CancellationToken ct = default);

    Task<IdInfo> IdAsync(CancellationToken ct = default);
    Task<VersionInfo> VersionAsync(CancellationToken ct = default);
}
