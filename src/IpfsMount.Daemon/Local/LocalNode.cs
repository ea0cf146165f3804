// INodeApi implemented in this process on the repository (opened lazily, so `add -n` needs none). The
// operations are split by topic over LocalNode.*.cs; this file holds the repo handle, id and version.
using System.Reflection;
using System.Runtime.InteropServices;
using IpfsMount.Core;
using IpfsMount.Daemon.Api;
using IpfsMount.Mfs;
using IpfsMount.Storage;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode : INodeApi
{
    public const string AgentName = "ipfsmount";

    private readonly Lock _openLock = new();
    private Repo? _repo;
    private Task<MfsTree>? _mfs;
    private bool _disposed;

    public LocalNode(string repoPath) => RepoPath = Path.GetFullPath(repoPath);

    public string RepoPath { get; }

    public static string Version =>
        typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string AgentVersion => $"{AgentName}/{Version}";

    /// <summary>Listen addresses and protocols that `id` reports; the network component fills them in.</summary>
    public IReadOnlyList<string> Addresses { get; set; } = [];

    public IReadOnlyList<string> Protocols { get; set; } = [];

    /// <summary>The open repository (opened, and locked, on first use).</summary>
    public Repo Repo
    {
        get
        {
            lock (_openLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _repo ??= Repo.Open(RepoPath);
            }
        }
    }

    /// <summary>
    /// The block store every read of this node goes through: the repo's (cached, hash-checked) store, or a
    /// decorator over it that the network component installs (missing blocks fetched from peers, cached in the repo).
    /// </summary>
    public IBlockStore Blocks
    {
        get => Volatile.Read(ref _blocks) ?? Repo.Blocks;
        set => Volatile.Write(ref _blocks, value);
    }

    private IBlockStore? _blocks;

    /// <summary>Commit policy and layout of the MFS tree this node opens (set before the first <see cref="MfsAsync"/>).</summary>
    public MfsOptions MfsOptions { get; set; } = new();

    /// <summary>
    /// The one MFS tree of this node, opened on first use and shared by the API and the mount (a second tree over the
    /// same repo would fork the version log). Disposing the node commits pending changes.
    /// </summary>
    public Task<MfsTree> MfsAsync()
    {
        lock (_openLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _mfs ??= RepoMfs.OpenTreeAsync(Repo, WithRepoProfile(MfsOptions), CancellationToken.None);
        }
    }

    /// <summary>The repo's `init --profile` sets the MFS layout (Kubo: CIDv0 unless configured) unless the options
    /// already name a layout other than the default.</summary>
    private MfsOptions WithRepoProfile(MfsOptions options) =>
        Repo.Config.ImportProfile is { } profile && options.Layout == MfsLayout.KuboV0
            ? options with { Layout = MfsLayout.FromImportOptions(UnixFs.ImportOptions.FromProfile(profile)) }
            : options;

    /// <summary>Opens the repo now (taking its lock) — the daemon must fail early when another process has it.</summary>
    public static LocalNode OpenForDaemon(string repoPath)
    {
        var node = new LocalNode(repoPath);
        _ = node.Repo;
        return node;
    }

    /// <summary>`init`: creates the repo with a new Ed25519 identity; returns the peer ID.</summary>
    public static Task<string> InitRepoAsync(string repoPath, string? profile, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (profile is not null) _ = UnixFs.ImportOptions.FromProfile(profile); // validates the name before creating anything
        using var repo = Repo.Init(Path.GetFullPath(repoPath),
            new RepoInitOptions { Config = RepoConfig.CreateDefault() with { ImportProfile = profile } });
        return Task.FromResult(repo.Keys.Get(KeyStore.SelfName).PeerId);
    }

    public Task<IdInfo> IdAsync(CancellationToken ct = default)
    {
        var self = Repo.Keys.Get(KeyStore.SelfName);
        return Task.FromResult(new IdInfo(self.PeerId, Convert.ToBase64String(self.PublicKeyProtobuf), Addresses, AgentVersion, Protocols));
    }

    public Task<VersionInfo> VersionAsync(CancellationToken ct = default) => Task.FromResult(new VersionInfo(
        Version,
        typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var c, ..] ? c : "unknown",
        $"fs-repo@{Repo.FormatVersion}",
        $"{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}/{OsName()}",
        RuntimeInformation.FrameworkDescription));

    public async ValueTask DisposeAsync()
    {
        Task<MfsTree>? mfs;
        lock (_openLock)
        {
            if (_disposed) return;
            _disposed = true;
            mfs = _mfs;
        }
        try
        {
            if (mfs is not null && await mfs.ConfigureAwait(false) is { } tree) await tree.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (mfs is { IsFaulted: true })
        {
            _ = e; // the tree never opened: nothing to commit
        }
        finally
        {
            lock (_openLock)
            {
                _repo?.Dispose();
                _repo = null;
            }
        }
    }

    private static string OsName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "other";
}
