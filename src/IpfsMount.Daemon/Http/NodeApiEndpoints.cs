// The daemon's local HTTP API: one POST route per INodeApi operation under /api/v0 (Kubo's RPC paths), with
// query arguments (`arg` repeated), streamed bodies for add/cat/get/block/dag, NDJSON for listings.
using IpfsMount.Daemon.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IpfsMount.Daemon.Http;

public static class NodeApiEndpoints
{
    public const string Prefix = "/api/v0";

    /// <summary>Maps every route onto node; spoolRoot is a folder for uploaded directories during `add`.</summary>
    public static void Map(IEndpointRouteBuilder routes, INodeApi node, string spoolRoot)
    {
        var api = routes.MapGroup(Prefix);
        Post(api, "/add", http => AddAsync(http, node, spoolRoot));
        Post(api, "/cat", http => ApiResponses.BytesAsync(http, ct =>
            node.CatAsync(Arg(http, 0), Long(http, "offset") ?? 0, Long(http, "length"), ct)));
        Post(api, "/get", http => ApiResponses.WriterAsync(http, "application/x-ipfsmount-entries", async (body, ct) =>
        {
            var writer = new EntryFrameWriter(body);
            await node.GetAsync(Arg(http, 0), new FramingEntrySink(writer), ct);
            await writer.EndAsync(ct);
        }));
        Post(api, "/ls", http => ApiResponses.StreamAsync(http, ct => node.LsAsync(Arg(http, 0), ct)));

        Post(api, "/pin/add", http => ApiResponses.StreamAsync(http, ct =>
            node.PinAddAsync(Args(http), Bool(http, "recursive") ?? true, ct)));
        Post(api, "/pin/rm", http => ApiResponses.StreamAsync(http, ct => node.PinRmAsync(Args(http), ct)));
        Post(api, "/pin/ls", http => ApiResponses.StreamAsync(http, ct =>
            node.PinLsAsync(http.Request.Query["type"].FirstOrDefault() ?? "all", ct)));
        Post(api, "/pin/verify", http => ApiResponses.StreamAsync(http, node.PinVerifyAsync));

        Post(api, "/repo/gc", http => ApiResponses.StreamAsync(http, node.RepoGcAsync));
        Post(api, "/repo/stat", http => ApiResponses.JsonAsync(http, node.RepoStatAsync));
        Post(api, "/repo/verify", http => ApiResponses.StreamAsync(http, node.RepoVerifyAsync));

        Post(api, "/block/get", http => ApiResponses.BytesAsync(http, ct => node.BlockGetAsync(Arg(http, 0), ct)));
        Post(api, "/block/put", http => ApiResponses.JsonAsync(http, ct => node.BlockPutAsync(http.Request.Body, new BlockPutRequest(
            http.Request.Query["cid-codec"].FirstOrDefault() ?? "raw",
            http.Request.Query["mhtype"].FirstOrDefault() ?? "sha2-256",
            (int)(Long(http, "cid-version") ?? 1),
            Bool(http, "pin") ?? false), ct)));
        Post(api, "/block/stat", http => ApiResponses.JsonAsync(http, ct => node.BlockStatAsync(Arg(http, 0), ct)));
        Post(api, "/block/rm", http => ApiResponses.StreamAsync(http, ct => node.BlockRmAsync(Args(http), ct)));

        Post(api, "/dag/export", http => ApiResponses.WriterAsync(http, "application/vnd.ipld.car", (body, ct) =>
            node.DagExportAsync(Arg(http, 0), body, ct)));
        Post(api, "/dag/import", http => ApiResponses.StreamAsync(http, ct =>
            node.DagImportAsync(http.Request.Body, Bool(http, "pin-roots") ?? true, ct)));

        Post(api, "/key/gen", http => ApiResponses.JsonAsync(http, ct =>
            node.KeyGenAsync(Arg(http, 0), http.Request.Query["type"].FirstOrDefault() ?? "ed25519", ct)));
        Post(api, "/key/list", http => ApiResponses.StreamAsync(http, node.KeyListAsync));
        Post(api, "/key/rm", http => ApiResponses.JsonAsync(http, ct => node.KeyRmAsync(Arg(http, 0), ct)));
        Post(api, "/key/rename", http => ApiResponses.JsonAsync(http, ct => node.KeyRenameAsync(Arg(http, 0), Arg(http, 1), ct)));
        Post(api, "/key/export", http => ApiResponses.BytesAsync(http, async ct =>
            (Stream)new MemoryStream(await node.KeyExportAsync(Arg(http, 0), ct))));
        Post(api, "/key/import", http => ApiResponses.JsonAsync(http, async ct =>
        {
            using var buffer = new MemoryStream();
            await CopyLimitedAsync(http.Request.Body, buffer, 64 * 1024, ct);
            return await node.KeyImportAsync(Arg(http, 0), buffer.ToArray(), ct);
        }));

        MapFiles(api, node);
        MapVersions(api, node);

        Post(api, "/id", http => ApiResponses.JsonAsync(http, node.IdAsync));
        Post(api, "/version", http => ApiResponses.JsonAsync(http, node.VersionAsync));
    }

    /// <summary>`files …` (Kubo's /api/v0/files/* paths); the version message travels as `message`.</summary>
    private static void MapFiles(RouteGroupBuilder api, INodeApi node)
    {
        Post(api, "/files/ls", http => ApiResponses.StreamAsync(http, ct => node.FilesLsAsync(Arg(http, 0), ct)));
        Post(api, "/files/stat", http => ApiResponses.JsonAsync(http, ct => node.FilesStatAsync(Arg(http, 0), ct)));
        Post(api, "/files/mkdir", http => DoneAsync(http, ct =>
            node.FilesMkdirAsync(Arg(http, 0), Bool(http, "parents") ?? false, Layout(http), Text(http, "message"), ct)));
        Post(api, "/files/cp", http => DoneAsync(http, ct =>
            node.FilesCpAsync(Arg(http, 0), Arg(http, 1), Bool(http, "parents") ?? false, Text(http, "message"), ct)));
        Post(api, "/files/mv", http => DoneAsync(http, ct => node.FilesMvAsync(Arg(http, 0), Arg(http, 1), Text(http, "message"), ct)));
        Post(api, "/files/rm", http => DoneAsync(http, ct => node.FilesRmAsync(Args(http),
            Bool(http, "recursive") ?? false, Bool(http, "force") ?? false, Text(http, "message"), ct)));
        Post(api, "/files/read", http => ApiResponses.BytesAsync(http, ct =>
            node.FilesReadAsync(Arg(http, 0), Long(http, "offset") ?? 0, Long(http, "count"), ct)));
        Post(api, "/files/write", http => ApiResponses.JsonAsync(http, ct => node.FilesWriteAsync(new MfsWriteRequest(Arg(http, 0),
            Bool(http, "create") ?? false, Bool(http, "parents") ?? false, Bool(http, "truncate") ?? false,
            Long(http, "offset") ?? 0, Long(http, "count"), Layout(http), Text(http, "message")), http.Request.Body, ct)));
        Post(api, "/files/touch", http => DoneAsync(http, ct => node.FilesTouchAsync(Arg(http, 0), Long(http, "mtime"),
            (uint)(Long(http, "mtime-nsecs") ?? 0), Layout(http), Text(http, "message"), ct)));
        Post(api, "/files/chmod", http => DoneAsync(http, ct =>
            node.FilesChmodAsync(Arg(http, 0), (uint)(Long(http, "mode") ?? throw new NodeApiException("invalid-input", "mode is required")),
                Text(http, "message"), ct)));
        Post(api, "/files/flush", http => ApiResponses.JsonAsync(http, ct => node.FilesFlushAsync(Arg(http, 0), Text(http, "message"), ct)));
        Post(api, "/files/chcid", http => DoneAsync(http, ct =>
            node.FilesChcidAsync(Arg(http, 0), (int?)Long(http, "cid-version"), Text(http, "hash"), Text(http, "message"), ct)));
    }

    /// <summary>The MFS version log: snapshot, history (whole or one path's), prune, diff, rollback.</summary>
    private static void MapVersions(RouteGroupBuilder api, INodeApi node)
    {
        Post(api, "/mfs/snapshot", http => ApiResponses.JsonAsync(http, ct => node.SnapshotAsync(Arg(http, 0), ct)));
        Post(api, "/mfs/history", http => ApiResponses.StreamAsync(http, ct =>
            node.HistoryAsync((int?)Long(http, "limit"), (int)(Long(http, "offset") ?? 0), ct)));
        Post(api, "/mfs/history/path", http => ApiResponses.StreamAsync(http, ct =>
            node.PathHistoryAsync(Arg(http, 0), (int?)Long(http, "limit"), (int)(Long(http, "offset") ?? 0), ct)));
        Post(api, "/mfs/history/prune", http => ApiResponses.JsonAsync(http, ct =>
            node.HistoryPruneAsync((int?)Long(http, "keep"), Date(http, "before"), ct)));
        Post(api, "/mfs/diff", http => ApiResponses.StreamAsync(http, ct => node.DiffAsync(Arg(http, 0), Arg(http, 1), ct)));
        Post(api, "/mfs/rollback", http => ApiResponses.JsonAsync(http, ct => node.RollbackAsync(Arg(http, 0), ct)));
    }

    private static Task DoneAsync(HttpContext http, Func<CancellationToken, Task> call) =>
        ApiResponses.JsonAsync(http, async ct =>
        {
            await call(ct);
            return true;
        });

    private static MfsLayoutRequest Layout(HttpContext http) =>
        new(Text(http, "profile"), (int?)Long(http, "cid-version"), Bool(http, "raw-leaves"), Text(http, "hash"));

    private static string? Text(HttpContext http, string name) => http.Request.Query[name].FirstOrDefault();

    private static DateTimeOffset? Date(HttpContext http, string name) =>
        Text(http, name) is { } s
            ? DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var d)
                ? d : throw new NodeApiException("invalid-input", $"{name}: '{s}' is not a date")
            : null;

    private static void Post(RouteGroupBuilder api, string route, Func<HttpContext, Task> handler) =>
        api.MapPost(route, new RequestDelegate(handler));

    private static async Task AddAsync(HttpContext http, INodeApi node, string spoolRoot)
    {
        var q = http.Request.Query;
        var request = new AddRequest
        {
            CidVersion = (int?)Long(http, "cid-version"),
            RawLeaves = Bool(http, "raw-leaves"),
            Hash = q["hash"].FirstOrDefault(),
            Chunker = q["chunker"].FirstOrDefault(),
            Trickle = Bool(http, "trickle") ?? false,
            Profile = q["profile"].FirstOrDefault(),
            Wrap = Bool(http, "wrap-with-directory") ?? false,
            Hidden = Bool(http, "hidden") ?? false,
            PreserveMode = Bool(http, "preserve-mode") ?? false,
            PreserveMtime = Bool(http, "preserve-mtime") ?? false,
            Pin = Bool(http, "pin") ?? true,
            OnlyHash = Bool(http, "only-hash") ?? false,
            Progress = Bool(http, "progress") ?? false,
        };
        var keep = request.PreserveMode || request.PreserveMtime;
        await using var tree = new UploadedTree(new EntryFrameReader(http.Request.Body), spoolRoot, keep);
        await ApiResponses.StreamAsync(http, ct => node.AddAsync(request, tree.InputsAsync(ct), ct));
    }

    private static async Task CopyLimitedAsync(Stream from, Stream to, int limit, CancellationToken ct)
    {
        var buffer = new byte[8192];
        int n;
        while ((n = await from.ReadAsync(buffer, ct)) > 0)
        {
            if (to.Length + n > limit) throw new ArgumentException($"request body larger than {limit} bytes");
            await to.WriteAsync(buffer.AsMemory(0, n), ct);
        }
    }

    private static string Arg(HttpContext http, int index)
    {
        var args = http.Request.Query["arg"];
        if (index >= args.Count || string.IsNullOrEmpty(args[index]))
            throw new NodeApiException("invalid-input", $"argument {index + 1} is required");
        return args[index]!;
    }

    private static IReadOnlyList<string> Args(HttpContext http) =>
        http.Request.Query["arg"].Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();

    private static long? Long(HttpContext http, string name) =>
        http.Request.Query[name].FirstOrDefault() is { } s
            ? long.TryParse(s, out var v) ? v : throw new NodeApiException("invalid-input", $"{name}: '{s}' is not a number")
            : null;

    private static bool? Bool(HttpContext http, string name) =>
        http.Request.Query[name].FirstOrDefault() is { } s
            ? bool.TryParse(s, out var v) ? v : throw new NodeApiException("invalid-input", $"{name}: '{s}' is not true/false")
            : null;
}
