// The built `ipfsmount mount` CLI running as a child process over a repo in a temp dir, for every test of the mount
// process (MFS, Bitswap, signals); unmounted (or killed, and its stale mount cleared) on dispose. IPFSMOUNT_MFS_TARGET=local swaps the
// mount for a plain local directory, to check the test harness itself on two local directories.
using System.Diagnostics;
using IpfsMount.Daemon.Mount;

namespace IpfsMount.Fuse.Tests.MfsWrite;

internal sealed class MfsMountProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly bool _ownsRepo;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _child;

    private MfsMountProcess(string repo, string mountPoint, bool ownsRepo, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        RepoPath = repo;
        MountPoint = mountPoint;
        _ownsRepo = ownsRepo;
        _arguments = arguments;
        _environment = environment;
    }

    /// <summary>The options after `mount &lt;dir&gt;` unless a test gives its own.</summary>
    public static IReadOnlyList<string> DefaultArguments { get; } = ["--no-root-links", "--offline"];

    /// <summary>True when IPFSMOUNT_MFS_TARGET=local: "the mount" is a local directory (harness self-check).</summary>
    public static bool LocalOnly => Environment.GetEnvironmentVariable("IPFSMOUNT_MFS_TARGET") == "local";

    public static string Cli { get; } = Path.Combine(RepoRoot.Path, "src", "IpfsMount.Cli", "bin",
        AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release", "net10.0", "ipfsmount");

    public string RepoPath { get; }
    public string MountPoint { get; }

    /// <summary>The writable MFS root inside the mount.</summary>
    public string Mfs => Path.Combine(MountPoint, "mfs");

    /// <summary>The read-only time-travel view: `mfs@/<version>/…`.</summary>
    public string TimeTravel => Path.Combine(MountPoint, "mfs@");

    /// <summary>The read-only /ipfs view of the mount (any CID, every block hash-checked).</summary>
    public string Ipfs => Path.Combine(MountPoint, "ipfs");

    public int? ProcessId => _child?.Id;

    /// <summary>Starts a mount over <paramref name="repo"/> (a fresh temp repo when null) and waits until it serves.</summary>
    public static Task<MfsMountProcess> StartAsync(string? repo = null) => StartAsync(repo, DefaultArguments);

    /// <summary>
    /// Starts `ipfsmount mount &lt;dir&gt; <paramref name="arguments"/>` over <paramref name="repo"/> (a fresh temp repo when
    /// null) with <paramref name="environment"/> added, at <paramref name="mountPoint"/> (a fresh temp dir when null),
    /// and waits until it serves (a stale mount left there by a killed process does not count).
    /// </summary>
    public static async Task<MfsMountProcess> StartAsync(string? repo, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? mountPoint = null)
    {
        var owns = repo is null;
        repo ??= TempPath("ipfsmount-mfsrepo-");
        var mount = new MfsMountProcess(repo, mountPoint ?? Path.Combine(TempPath("ipfsmount-mfsmnt-"), "mnt"), owns, arguments,
            environment ?? new Dictionary<string, string>());
        if (LocalOnly)
        {
            Directory.CreateDirectory(mount.Mfs);
            return mount;
        }
        try
        {
            await mount.StartChildAsync();
            return mount;
        }
        catch
        {
            await mount.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. TERM, INT) to the mount process.</summary>
    public Task SignalAsync(string signal) =>
        Shell.CheckAsync($"kill -{signal} {_child?.Id ?? throw new InvalidOperationException("no mount process runs")}");

    /// <summary>`ipfsmount unmount &lt;dir&gt;`, then waits for the process to end; returns its exit code.</summary>
    public async Task<int> UnmountAsync()
    {
        var r = await Shell.RunAsync($"'{Cli}' unmount '{MountPoint}'", TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, $"ipfsmount unmount failed: {r.Stderr}");
        return await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Mounts again over the same repo (after <see cref="KillAsync"/>).</summary>
    public async Task RestartAsync()
    {
        if (_child is { HasExited: false }) throw new InvalidOperationException("the mount process is still running");
        await StartChildAsync();
    }

    /// <summary>SIGKILLs the mount process (no chance to commit or unmount); by default also clears the stale mount.</summary>
    public async Task KillAsync(bool clearStaleMount = true)
    {
        if (_child is null) return;
        if (!_child.HasExited) _child.Kill(); // SIGKILL on Unix
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _child.WaitForExitAsync(cts.Token);
        _child.Dispose();
        _child = null;
        if (clearStaleMount) await ClearStaleMountAsync();
    }

    /// <summary>Waits for the mount process to end on its own (e.g. after an external unmount); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var child = _child ?? throw new InvalidOperationException("no mount process runs");
        using var cts = new CancellationTokenSource(timeout);
        await child.WaitForExitAsync(cts.Token);
        return child.ExitCode;
    }

    /// <summary>Runs the CLI on this repo (offline when no mount process runs, through its API otherwise).</summary>
    public Task<Shell.Result> RunCliAsync(string arguments, TimeSpan? timeout = null) =>
        Shell.RunAsync($"'{Cli}' --repo-dir '{RepoPath}' {arguments}", timeout ?? TimeSpan.FromSeconds(120));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_child is { HasExited: false })
            {
                await Shell.RunAsync($"'{Cli}' unmount '{MountPoint}'", TimeSpan.FromSeconds(60));
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _child.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { _child.Kill(); }
            }
        }
        finally
        {
            if (_child is { HasExited: false }) _child.Kill();
            _child?.Dispose();
            await ClearStaleMountAsync();
            if (!MountTable.IsFuseMount(MountPoint)) TryDelete(Path.GetDirectoryName(MountPoint)!);
            if (_ownsRepo) TryDelete(RepoPath);
        }
    }

    private async Task StartChildAsync()
    {
        if (!File.Exists(Cli)) throw new FileNotFoundException($"build the CLI first: {Cli} is missing");
        if (!MountTable.IsFuseMount(MountPoint)) Directory.CreateDirectory(MountPoint); // a stale mount is left for the mount to clear
        var start = new ProcessStartInfo(Cli, ["--repo-dir", RepoPath, "mount", MountPoint, .. _arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        var child = Process.Start(start)!;
        _child = child;
        var stderr = new System.Text.StringBuilder();
        child.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        child.OutputDataReceived += (_, _) => { };
        child.BeginErrorReadLine();
        child.BeginOutputReadLine();
        var apiFile = Path.Combine(RepoPath, "api");
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(MountTable.IsFuseMount(MountPoint) && !MountTable.IsStale(MountPoint) && File.Exists(apiFile)) && !child.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        if (!MountTable.IsFuseMount(MountPoint) || !Directory.Exists(Mfs))
        {
            string why;
            lock (stderr) why = child.HasExited ? $"exited {child.ExitCode}: {stderr}" : $"not mounted after {StartTimeout.TotalSeconds} s";
            throw new InvalidOperationException($"`ipfsmount mount {MountPoint}` did not come up ({why})");
        }
    }

    /// <summary>Unmounts what a killed mount process left behind (fusermount3 -u, else a lazy umount).</summary>
    public async Task ClearStaleMountAsync()
    {
        if (!MountTable.IsFuseMount(MountPoint)) return;
        await Shell.RunAsync($"fusermount3 -u '{MountPoint}' || umount -l '{MountPoint}'", TimeSpan.FromSeconds(20));
        if (MountTable.IsFuseMount(MountPoint)) await Shell.RunAsync($"umount -l '{MountPoint}'", TimeSpan.FromSeconds(20));
    }

    public static string TempPath(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
