// INodeApi implemented in this process on the repository (opened lazily, so `add -n` needs none).
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Local;

public sealed class LocalNode : INodeApi
{
    public const string RepoVersion = "fs-repo@1";

    private readonly string _repoPath;

    public LocalNode(string repoPath) => _repoPath = repoPath;

    public static string AgentVersion => "ipfsmount/" + Version;

    public static string Version =>
        typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.1.0";

    public string RepoPath => _repoPath;

    /// <summary>Opens the repo now (taking its lock) — the daemon must fail early when another process has it.</summary>
    public static LocalNode OpenForDaemon(string repoPath) => new(repoPath);

    public static Task<string> InitRepoAsync(string repoPath, string? profile, CancellationToken ct) =>
        throw Unavailable("init");

    public IAsyncEnumerable<AddEvent> AddAsync(AddRequest request, IAsyncEnumerable<AddInput> inputs, CancellationToken ct = default) => throw Unavailable("add");
    public Task<Stream> CatAsync(string path, long offset, long? length, CancellationToken ct = default) => throw Unavailable("cat");
    public Task GetAsync(string path, IEntrySink sink, CancellationToken ct = default) => throw Unavailable("get");
    public IAsyncEnumerable<LsEntry> LsAsync(string path, CancellationToken ct = default) => throw Unavailable("ls");
    public IAsyncEnumerable<string> PinAddAsync(IReadOnlyList<string> paths, bool recursive, CancellationToken ct = default) => throw Unavailable("pin add");
    public IAsyncEnumerable<string> PinRmAsync(IReadOnlyList<string> paths, CancellationToken ct = default) => throw Unavailable("pin rm");
    public IAsyncEnumerable<PinEntry> PinLsAsync(string type, CancellationToken ct = default) => throw Unavailable("pin ls");
    public IAsyncEnumerable<PinVerifyResult> PinVerifyAsync(CancellationToken ct = default) => throw Unavailable("pin verify");
    public IAsyncEnumerable<string> RepoGcAsync(CancellationToken ct = default) => throw Unavailable("repo gc");
    public Task<RepoStatInfo> RepoStatAsync(CancellationToken ct = default) => throw Unavailable("repo stat");
    public IAsyncEnumerable<RepoVerifyEvent> RepoVerifyAsync(CancellationToken ct = default) => throw Unavailable("repo verify");
    public Task<Stream> BlockGetAsync(string cid, CancellationToken ct = default) => throw Unavailable("block get");
    public Task<BlockStatInfo> BlockPutAsync(Stream data, BlockPutRequest request, CancellationToken ct = default) => throw Unavailable("block put");
    public Task<BlockStatInfo> BlockStatAsync(string cid, CancellationToken ct = default) => throw Unavailable("block stat");
    public IAsyncEnumerable<string> BlockRmAsync(IReadOnlyList<string> cids, CancellationToken ct = default) => throw Unavailable("block rm");
    public Task DagExportAsync(string root, Stream output, CancellationToken ct = default) => throw Unavailable("dag export");
    public IAsyncEnumerable<DagImportResult> DagImportAsync(Stream car, bool pinRoots, CancellationToken ct = default) => throw Unavailable("dag import");
    public Task<KeyInfo> KeyGenAsync(string name, string type, CancellationToken ct = default) => throw Unavailable("key gen");
    public IAsyncEnumerable<KeyInfo> KeyListAsync(CancellationToken ct = default) => throw Unavailable("key list");
    public Task<KeyInfo> KeyRmAsync(string name, CancellationToken ct = default) => throw Unavailable("key rm");
    public Task<KeyInfo> KeyRenameAsync(string oldName, string newName, CancellationToken ct = default) => throw Unavailable("key rename");
    public Task<byte[]> KeyExportAsync(string name, CancellationToken ct = default) => throw Unavailable("key export");
    public Task<KeyInfo> KeyImportAsync(string name, byte[] privateKey, CancellationToken ct = default) => throw Unavailable("key import");
    public Task<IdInfo> IdAsync(CancellationToken ct = default) => throw Unavailable("id");

    public Task<VersionInfo> VersionAsync(CancellationToken ct = default) => Task.FromResult(new VersionInfo(
        Version, ThisAssembly.Commit, RepoVersion, $"{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}/{OperatingSystem()}",
        RuntimeInformation.FrameworkDescription));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string OperatingSystem() =>
        System.OperatingSystem.IsLinux() ? "linux" : System.OperatingSystem.IsWindows() ? "windows" : System.OperatingSystem.IsMacOS() ? "darwin" : "other";

    // Interim: these operations are wired as the Core/UnixFs/Storage parts land on main.
    private static NodeApiException Unavailable(string verb, [CallerMemberName] string member = "") =>
        new("unavailable", $"{verb} is not available yet in this build ({member})");

    private static class ThisAssembly
    {
        public static string Commit =>
            typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var c, ..] ? c : "unknown";
    }
}
