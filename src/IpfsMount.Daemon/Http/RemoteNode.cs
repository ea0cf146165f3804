// INodeApi over HTTP: the client of a running daemon's /api/v0 (TCP on 127.0.0.1 or a Unix socket).
// Errors come back as ErrorReport and are rethrown as NodeApiException with the same message.
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Http;

public sealed class RemoteNode : INodeApi
{
    private readonly HttpClient _http;

    public RemoteNode(ApiAddress address, TimeSpan? timeout = null)
    {
        Address = address;
        _http = address.CreateHttpClient(timeout ?? Timeout.InfiniteTimeSpan);
    }

    public ApiAddress Address { get; }

    /// <summary>True when a daemon answers `version` at the address within the timeout.</summary>
    public static async Task<bool> AnswersAsync(ApiAddress address, TimeSpan timeout)
    {
        await using var probe = new RemoteNode(address, timeout);
        try
        {
            await probe.VersionAsync();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or NodeApiException or JsonException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<AddEvent> AddAsync(AddRequest request, IAsyncEnumerable<AddInput> inputs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var query = new QueryBuilder()
            .Add("cid-version", request.CidVersion).Add("raw-leaves", request.RawLeaves).Add("hash", request.Hash)
            .Add("chunker", request.Chunker).Add("trickle", request.Trickle).Add("profile", request.Profile)
            .Add("wrap-with-directory", request.Wrap).Add("hidden", request.Hidden).Add("preserve-mode", request.PreserveMode)
            .Add("preserve-mtime", request.PreserveMtime).Add("pin", request.Pin).Add("only-hash", request.OnlyHash)
            .Add("progress", request.Progress);
        var content = new UploadContent(inputs, request.PreserveMode, request.PreserveMtime);
        await foreach (var e in StreamAsync<AddEvent>("add", query, content, ct)) yield return e;
    }

    public async Task<Stream> CatAsync(string path, long offset, long? length, CancellationToken ct = default) =>
        await OpenAsync("cat", new QueryBuilder().Arg(path).Add("offset", offset == 0 ? null : offset).Add("length", length), null, ct);

    public async Task GetAsync(string path, IEntrySink sink, CancellationToken ct = default)
    {
        await using var body = await OpenAsync("get", new QueryBuilder().Arg(path), null, ct);
        var reader = new EntryFrameReader(body);
        while (await reader.NextAsync(ct) is { } entry)
        {
            switch (entry.Kind)
            {
                case EntryKind.Directory: await sink.DirectoryAsync(entry.Path, ct); break;
                case EntryKind.File: await sink.FileAsync(entry.Path, entry.Content!, ct); break;
                case EntryKind.Symlink: await sink.SymlinkAsync(entry.Path, entry.Target!, ct); break;
            }
        }
    }

    public IAsyncEnumerable<LsEntry> LsAsync(string path, CancellationToken ct = default) =>
        StreamAsync<LsEntry>("ls", new QueryBuilder().Arg(path), null, ct);

    public IAsyncEnumerable<string> PinAddAsync(IReadOnlyList<string> paths, bool recursive, CancellationToken ct = default) =>
        StreamAsync<string>("pin/add", new QueryBuilder().Args(paths).Add("recursive", recursive), null, ct);

    public IAsyncEnumerable<string> PinRmAsync(IReadOnlyList<string> paths, CancellationToken ct = default) =>
        StreamAsync<string>("pin/rm", new QueryBuilder().Args(paths), null, ct);

    public IAsyncEnumerable<PinEntry> PinLsAsync(string type, CancellationToken ct = default) =>
        StreamAsync<PinEntry>("pin/ls", new QueryBuilder().Add("type", type), null, ct);

    public IAsyncEnumerable<PinVerifyResult> PinVerifyAsync(CancellationToken ct = default) =>
        StreamAsync<PinVerifyResult>("pin/verify", new QueryBuilder(), null, ct);

    public IAsyncEnumerable<string> RepoGcAsync(CancellationToken ct = default) =>
        StreamAsync<string>("repo/gc", new QueryBuilder(), null, ct);

    public Task<RepoStatInfo> RepoStatAsync(CancellationToken ct = default) =>
        JsonAsync<RepoStatInfo>("repo/stat", new QueryBuilder(), null, ct);

    public IAsyncEnumerable<RepoVerifyEvent> RepoVerifyAsync(CancellationToken ct = default) =>
        StreamAsync<RepoVerifyEvent>("repo/verify", new QueryBuilder(), null, ct);

    public async Task<Stream> BlockGetAsync(string cid, CancellationToken ct = default) =>
        await OpenAsync("block/get", new QueryBuilder().Arg(cid), null, ct);

    public Task<BlockStatInfo> BlockPutAsync(Stream data, BlockPutRequest request, CancellationToken ct = default) =>
        JsonAsync<BlockStatInfo>("block/put", new QueryBuilder().Add("cid-codec", request.Codec).Add("mhtype", request.Hash)
            .Add("cid-version", request.CidVersion).Add("pin", request.Pin), new StreamContent(data), ct);

    public Task<BlockStatInfo> BlockStatAsync(string cid, CancellationToken ct = default) =>
        JsonAsync<BlockStatInfo>("block/stat", new QueryBuilder().Arg(cid), null, ct);

    public IAsyncEnumerable<string> BlockRmAsync(IReadOnlyList<string> cids, CancellationToken ct = default) =>
        StreamAsync<string>("block/rm", new QueryBuilder().Args(cids), null, ct);

    public async Task DagExportAsync(string root, Stream output, CancellationToken ct = default)
    {
        await using var body = await OpenAsync("dag/export", new QueryBuilder().Arg(root), null, ct);
        await body.CopyToAsync(output, 256 * 1024, ct);
    }

    public IAsyncEnumerable<DagImportResult> DagImportAsync(Stream car, bool pinRoots, CancellationToken ct = default) =>
        StreamAsync<DagImportResult>("dag/import", new QueryBuilder().Add("pin-roots", pinRoots), new StreamContent(car), ct);

    public Task<KeyInfo> KeyGenAsync(string name, string type, CancellationToken ct = default) =>
        JsonAsync<KeyInfo>("key/gen", new QueryBuilder().Arg(name).Add("type", type), null, ct);

    public IAsyncEnumerable<KeyInfo> KeyListAsync(CancellationToken ct = default) =>
        StreamAsync<KeyInfo>("key/list", new QueryBuilder(), null, ct);

    public Task<KeyInfo> KeyRmAsync(string name, CancellationToken ct = default) =>
        JsonAsync<KeyInfo>("key/rm", new QueryBuilder().Arg(name), null, ct);

    public Task<KeyInfo> KeyRenameAsync(string oldName, string newName, CancellationToken ct = default) =>
        JsonAsync<KeyInfo>("key/rename", new QueryBuilder().Arg(oldName).Arg(newName), null, ct);

    public async Task<byte[]> KeyExportAsync(string name, CancellationToken ct = default)
    {
        await using var body = await OpenAsync("key/export", new QueryBuilder().Arg(name), null, ct);
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public Task<KeyInfo> KeyImportAsync(string name, byte[] privateKey, CancellationToken ct = default) =>
        JsonAsync<KeyInfo>("key/import", new QueryBuilder().Arg(name), new ByteArrayContent(privateKey), ct);

    public IAsyncEnumerable<MfsEntryInfo> FilesLsAsync(string path, CancellationToken ct = default) =>
        StreamAsync<MfsEntryInfo>("files/ls", new QueryBuilder().Arg(path), null, ct);

    public Task<MfsStatInfo> FilesStatAsync(string path, CancellationToken ct = default) =>
        JsonAsync<MfsStatInfo>("files/stat", new QueryBuilder().Arg(path), null, ct);

    public Task FilesMkdirAsync(string path, bool parents, MfsLayoutRequest? cid, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/mkdir", Layout(new QueryBuilder().Arg(path).Add("parents", parents), cid).Add("message", message), null, ct);

    public Task FilesCpAsync(string source, string dest, bool parents, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/cp", new QueryBuilder().Arg(source).Arg(dest).Add("parents", parents).Add("message", message), null, ct);

    public Task FilesMvAsync(string source, string dest, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/mv", new QueryBuilder().Arg(source).Arg(dest).Add("message", message), null, ct);

    public Task FilesRmAsync(IReadOnlyList<string> paths, bool recursive, bool force, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/rm", new QueryBuilder().Args(paths).Add("recursive", recursive).Add("force", force).Add("message", message), null, ct);

    public async Task<Stream> FilesReadAsync(string path, long offset, long? count, CancellationToken ct = default) =>
        await OpenAsync("files/read", new QueryBuilder().Arg(path).Add("offset", offset == 0 ? null : offset).Add("count", count), null, ct);

    public Task<long> FilesWriteAsync(MfsWriteRequest request, Stream data, CancellationToken ct = default)
    {
        var query = new QueryBuilder().Arg(request.Path).Add("create", request.Create).Add("parents", request.Parents)
            .Add("truncate", request.Truncate).Add("offset", request.Offset == 0 ? null : request.Offset).Add("count", request.Count);
        // the body is sent as it is read (chunked), never buffered whole
        return JsonAsync<long>("files/write", Layout(query, request.Layout).Add("message", request.Message), new StreamContent(data, 1 << 20), ct);
    }

    public Task FilesTouchAsync(string path, long? mtimeSeconds, uint mtimeNanoseconds, MfsLayoutRequest? layout, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/touch", Layout(new QueryBuilder().Arg(path).Add("mtime", mtimeSeconds)
            .Add("mtime-nsecs", mtimeNanoseconds == 0 ? null : mtimeNanoseconds), layout).Add("message", message), null, ct);

    public Task FilesChmodAsync(string path, uint mode, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/chmod", new QueryBuilder().Arg(path).Add("mode", mode).Add("message", message), null, ct);

    public Task<string> FilesFlushAsync(string path, string? message, CancellationToken ct = default) =>
        JsonAsync<string>("files/flush", new QueryBuilder().Arg(path).Add("message", message), null, ct);

    public Task FilesChcidAsync(string path, int? cidVersion, string? hash, string? message, CancellationToken ct = default) =>
        JsonAsync<bool>("files/chcid", new QueryBuilder().Arg(path).Add("cid-version", cidVersion).Add("hash", hash).Add("message", message), null, ct);

    public Task<MfsSnapshotInfo> SnapshotAsync(string path, CancellationToken ct = default) =>
        JsonAsync<MfsSnapshotInfo>("mfs/snapshot", new QueryBuilder().Arg(path), null, ct);

    public IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, CancellationToken ct = default) => HistoryAsync(limit, 0, ct);

    public IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, int offset, CancellationToken ct = default) =>
        StreamAsync<MfsVersionInfo>("mfs/history", new QueryBuilder().Add("limit", limit).Add("offset", offset == 0 ? null : offset), null, ct);

    public IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, CancellationToken ct = default) =>
        PathHistoryAsync(path, limit, 0, ct);

    public IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, int offset, CancellationToken ct = default) =>
        StreamAsync<MfsPathVersionInfo>("mfs/history/path",
            new QueryBuilder().Arg(path).Add("limit", limit).Add("offset", offset == 0 ? null : offset), null, ct);

    public Task<int> HistoryPruneAsync(int? keep, DateTimeOffset? before, CancellationToken ct = default) =>
        JsonAsync<int>("mfs/history/prune", new QueryBuilder().Add("keep", keep)
            .Add("before", before?.ToString("o", System.Globalization.CultureInfo.InvariantCulture)), null, ct);

    public IAsyncEnumerable<MfsChangeInfo> DiffAsync(string a, string b, CancellationToken ct = default) =>
        StreamAsync<MfsChangeInfo>("mfs/diff", new QueryBuilder().Arg(a).Arg(b), null, ct);

    public Task<MfsVersionInfo> RollbackAsync(string target, CancellationToken ct = default) =>
        JsonAsync<MfsVersionInfo>("mfs/rollback", new QueryBuilder().Arg(target), null, ct);

    public Task<IdInfo> IdAsync(CancellationToken ct = default) => JsonAsync<IdInfo>("id", new QueryBuilder(), null, ct);

    public Task<VersionInfo> VersionAsync(CancellationToken ct = default) =>
        JsonAsync<VersionInfo>("version", new QueryBuilder(), null, ct);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static QueryBuilder Layout(QueryBuilder query, MfsLayoutRequest? layout) => layout is null ? query
        : query.Add("profile", layout.Profile).Add("cid-version", layout.CidVersion).Add("raw-leaves", layout.RawLeaves).Add("hash", layout.Hash);

    private async Task<T> JsonAsync<T>(string route, QueryBuilder query, HttpContent? content, CancellationToken ct)
    {
        await using var body = await OpenAsync(route, query, content, ct);
        return await JsonSerializer.DeserializeAsync<T>(body, ApiJson.Options, ct)
               ?? throw new NodeApiException("protocol", $"the daemon sent an empty answer to {route}");
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(string route, QueryBuilder query, HttpContent? content, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var body = await OpenAsync(route, query, content, ct);
        using var lines = new StreamReader(body);
        while (await lines.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            var item = JsonSerializer.Deserialize<StreamLine<T>>(line, ApiJson.Options)
                       ?? throw new NodeApiException("protocol", $"the daemon sent a bad line for {route}");
            if (item.ErrorMessage is not null) throw new NodeApiException(item.ErrorKind ?? "internal", item.ErrorMessage);
            yield return item.Value!;
        }
    }

    private async Task<Stream> OpenAsync(string route, QueryBuilder query, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, NodeApiEndpoints.Prefix.TrimStart('/') + "/" + route + query);
        request.Content = content;
        if (content is not null) content.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            using (response)
            {
                ErrorReport? report = null;
                try
                {
                    report = await JsonSerializer.DeserializeAsync<ErrorReport>(await response.Content.ReadAsStreamAsync(ct), ApiJson.Options, ct);
                }
                catch (JsonException)
                {
                }
                throw report is null
                    ? new NodeApiException("protocol", $"the daemon answered {(int)response.StatusCode} {response.ReasonPhrase} to {route}")
                    : new NodeApiException(report.Kind, report.Message);
            }
        }
        return new ResponseStream(response, await response.Content.ReadAsStreamAsync(ct));
    }
}
