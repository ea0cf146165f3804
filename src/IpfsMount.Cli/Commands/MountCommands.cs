// `ipfsmount mount [<dir>]` (foreground, or --background) and `ipfsmount unmount <dir>`: the FUSE mount verbs.
using System.CommandLine;
using System.Diagnostics;
using IpfsMount.Daemon.Hosting;
using IpfsMount.Daemon.Mount;
using IpfsMount.Fuse;
using IpfsMount.Storage;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Dag;

namespace IpfsMount.Cli.Commands;

internal static class MountCommands
{
    private static readonly Argument<string?> Dir = new("DIR")
    {
        Description = "Mount point (default ~/ipfs); created when missing",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private static readonly Argument<string> UnmountDir = new("DIR") { Description = "The mount point to unmount" };
    private static readonly Option<bool> Background = new("--background") { Description = "Detach: mount in a background process and return once it is mounted" };
    private static readonly Option<bool> NoRootLinks = new("--no-root-links") { Description = "Do not create /ipfs, /ipns, /mfs symlinks into the mount (made only when root)" };
    private static readonly Option<bool> Offline = new("--offline") { Description = "Do not start the network: only blocks in the repo can be read" };
    private static readonly Option<double> BlockTimeout = new("--block-timeout")
    {
        Description = "Seconds an operation waits for a block before failing with EIO",
        DefaultValueFactory = _ => 60,
    };

    public static Command CreateMount()
    {
        var command = Verb.Create("mount", "Mount /ipfs, /ipns and /mfs at DIR (default ~/ipfs) with FUSE; runs until Ctrl+C or `ipfsmount unmount DIR`.",
            "ipfsmount mount",
            "ipfsmount mount /mnt/ipfs --background",
            "cat ~/ipfs/ipfs/<cid>/README.md");
        command.Arguments.Add(Dir);
        foreach (var o in new Option[] { Background, NoRootLinks, Offline, BlockTimeout }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var dir = Path.GetFullPath(parse.GetValue(Dir) is { Length: > 0 } d ? ExpandHome(d) : MountHostOptions.DefaultMountPoint);
            var timeout = parse.GetValue(BlockTimeout);
            if (timeout <= 0) throw new ArgumentException($"--block-timeout must be a positive number of seconds, not {timeout}");
            var repoPath = CliOptions.RepoPath(parse);
            return parse.GetValue(Background)
                ? await StartInBackgroundAsync(dir, repoPath, parse.GetValue(NoRootLinks), parse.GetValue(Offline), timeout, ct)
                : await MountInForegroundAsync(dir, repoPath, !parse.GetValue(NoRootLinks), parse.GetValue(Offline), timeout, ct);
        });
        return command;
    }

    public static Command CreateUnmount()
    {
        var command = Verb.Create("unmount", "Unmount an ipfsmount mount point (also one left behind by a killed process).",
            "ipfsmount unmount ~/ipfs");
        command.Arguments.Add(UnmountDir);
        command.SetAction(async (parse, ct) =>
        {
            var dir = Path.GetFullPath(ExpandHome(parse.GetValue(UnmountDir)!));
            if (!MountTable.IsFuseMount(dir)) throw new ArgumentException($"'{dir}' is not a FUSE mount point");
            if (!await MountTable.UnmountAsync(dir, ct)) throw new IOException($"could not unmount '{dir}' (try `fusermount3 -u {dir}` as its owner)");
            RootLinks.RemoveLeftovers(dir);
            Console.WriteLine($"Unmounted {dir}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Runs the daemon (API on 127.0.0.1, address in &lt;repo&gt;/api) with the mount as one of its components, so
    /// `ipfsmount add`, `cat`, `pin` … keep working through the API while the mount holds the repo. Unless offline,
    /// the network component runs too (listen addresses from IPFSMOUNT_SWARM_LISTEN or the defaults), and blocks
    /// that are not in the repo are fetched from connected peers over Bitswap.
    /// </summary>
    private static async Task<int> MountInForegroundAsync(string dir, string repoPath, bool rootLinks, bool offline, double timeoutSeconds, CancellationToken ct)
    {
        using (Repo.OpenOrInit(repoPath)) { } // first use creates the repo
        var mount = new MountHostOptions
        {
            MountPoint = dir,
            RootLinks = rootLinks,
            Vfs = new VfsOptions { BlockTimeout = TimeSpan.FromSeconds(timeoutSeconds) },
        };
        LimitHeap();
        var daemon = new DaemonHost(new DaemonOptions { RepoPath = repoPath, Mount = mount, Offline = offline }, Console.Out);
        return await daemon.RunAsync(ct);
    }

    /// <summary>
    /// Reads of local blocks use pooled buffers, but blocks from the network and the API's streaming adds still
    /// allocate an array per block; without a limit the GC lets that garbage grow to hundreds of MB before
    /// collecting. Cap the heap (unless the user set one); the cap leaves room for those adds.
    /// </summary>
    private static void LimitHeap()
    {
        NativeHeap.LimitArenas();
        if (AppContext.GetData("GCHeapHardLimit") is not null || Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit") is not null) return;
        AppContext.SetData("GCHeapHardLimit", (ulong)MountHeapLimitBytes);
        GC.RefreshMemoryLimit();
    }

    private const long MountHeapLimitBytes = 1024L * 1024 * 1024;

    private static async Task<int> StartInBackgroundAsync(string dir, string repoPath, bool noRootLinks, bool offline, double timeoutSeconds, CancellationToken ct)
    {
        using (Repo.OpenOrInit(repoPath)) { } // create the repo here, so first-use errors show in this terminal
        var log = Path.Combine(repoPath, "mount.log");
        var (program, prefix) = SelfCommand();
        var args = new List<string>(prefix) { "--repo-dir", repoPath, "mount", dir, "--block-timeout", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (noRootLinks) args.Add("--no-root-links");
        if (offline) args.Add("--offline");
        var shell = $"exec {Quote(program)} {string.Join(' ', args.Select(Quote))} >> {Quote(log)} 2>&1 < /dev/null";
        using var child = Process.Start(new ProcessStartInfo("setsid", ["/bin/sh", "-c", shell])
        {
            UseShellExecute = false,
            Environment = { [NativeHeap.ArenaVariable] = NativeHeap.ArenaLimitForChild },
        })!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            if (MountTable.IsFuseMount(dir))
            {
                Console.WriteLine($"Mounted IPFS at {dir} in the background (pid {child.Id}, log {log}); stop with `ipfsmount unmount {dir}`");
                return 0;
            }
            if (child.HasExited) break;
            await Task.Delay(100, ct);
        }
        throw new FuseMountException($"the background mount did not come up; see {log}");
    }

    private static (string Program, string[] Prefix) SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(MountCommands).Assembly.Location])
            : (process, []);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;
}
