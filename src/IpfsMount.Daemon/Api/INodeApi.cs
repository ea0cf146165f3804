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

    // ---- MFS (`files …`): every change commits one version with `message` (null: a default naming the verb) ----

    IAsyncEnumerable<MfsEntryInfo> FilesLsAsync(string path, CancellationToken ct = default);
    Task<MfsStatInfo> FilesStatAsync(string path, CancellationToken ct = default);

    /// <summary>`files mkdir`; a CID version or hash in <paramref name="cid"/> applies to the new directory's node.</summary>
    Task FilesMkdirAsync(string path, bool parents, MfsLayoutRequest? cid, string? message, CancellationToken ct = default);

    /// <summary>`files cp`: source is /ipfs/&lt;cid&gt;[/path], a bare CID, or an MFS path.</summary>
    Task FilesCpAsync(string source, string dest, bool parents, string? message, CancellationToken ct = default);

    /// <summary>`files mv`: an existing directory as dest receives the source inside it.</summary>
    Task FilesMvAsync(string source, string dest, string? message, CancellationToken ct = default);
    Task FilesRmAsync(IReadOnlyList<string> paths, bool recursive, bool force, string? message, CancellationToken ct = default);

    /// <summary>Opens a range of an MFS file, read as it is consumed (never whole in memory).</summary>
    Task<Stream> FilesReadAsync(string path, long offset, long? count, CancellationToken ct = default);

    /// <summary>Writes <paramref name="data"/> (read to its end or Count bytes) as it arrives; returns the bytes written.</summary>
    Task<long> FilesWriteAsync(MfsWriteRequest request, Stream data, CancellationToken ct = default);

    /// <summary>`files touch`: creates an empty file when missing; mtime null means now.</summary>
    Task FilesTouchAsync(string path, long? mtimeSeconds, uint mtimeNanoseconds, MfsLayoutRequest? layout, string? message, CancellationToken ct = default);
    Task FilesChmodAsync(string path, uint mode, string? message, CancellationToken ct = default);

    /// <summary>`files flush`: commits pending changes as a version (with a message, a version even when nothing changed) and returns the CID of path.</summary>
    Task<string> FilesFlushAsync(string path, string? message, CancellationToken ct = default);
    Task FilesChcidAsync(string path, int? cidVersion, string? hash, string? message, CancellationToken ct = default);

    // ---- MFS versions ----

    Task<MfsSnapshotInfo> SnapshotAsync(string path, CancellationToken ct = default);

    /// <summary>Versions oldest first; <paramref name="limit"/> keeps only the newest N.</summary>
    IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, CancellationToken ct = default);
    IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, CancellationToken ct = default);

    /// <summary>A page of versions, oldest first: at most <paramref name="limit"/> of them, before the newest
    /// <paramref name="offset"/> (`history --limit N --offset M`); only that many records are read.</summary>
    IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, int offset, CancellationToken ct = default);

    /// <summary>A page of one path's changes, oldest first, like <see cref="HistoryAsync(int?, int, CancellationToken)"/>;
    /// the log is walked from the newest version only until the page is complete.</summary>
    IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, int offset, CancellationToken ct = default);
    Task<int> HistoryPruneAsync(int? keep, DateTimeOffset? before, CancellationToken ct = default);

    /// <summary>Changes from a to b (version numbers, "head" or root CIDs), sorted by path, streamed as found.</summary>
    IAsyncEnumerable<MfsChangeInfo> DiffAsync(string a, string b, CancellationToken ct = default);

    /// <summary>Makes a version (number or root CID) current, recorded as a new version that is returned.</summary>
    Task<MfsVersionInfo> RollbackAsync(string target, CancellationToken ct = default);

    Task<IdInfo> IdAsync(CancellationToken ct = default);
    Task<VersionInfo> VersionAsync(CancellationToken ct = default);
}
