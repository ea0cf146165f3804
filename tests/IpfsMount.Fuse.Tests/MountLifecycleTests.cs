// The mount process's life cycle from the outside: mount(8) with the fstab helper, SIGINT/SIGTERM, and a SIGKILLed
// mount cleared by `fusermount3 -u` or by the next mount.
using System.Diagnostics;
using System.Text.RegularExpressions;
using IpfsMount.Daemon.Mount;

namespace IpfsMount.Fuse.Tests;

public sealed partial class MountLifecycleTests
{
    private static readonly TimeSpan MountWait = TimeSpan.FromSeconds(90);

    private static string Cli =>
        Path.Combine(RepoRoot.Path, "src", "IpfsMount.Cli", "bin", Configuration, "net10.0", "ipfsmount");

    private static string Configuration => AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";

    [MountCommandFact]
    public async Task Mount_t_fuse_ipfsmount_through_the_fstab_helper_serves_the_repo_and_umount_stops_the_process()
    {
        var (repo, mountPoint, cid, bytes) = await RepoWithFileAsync("ipfsmount-mount8-");
        int? pid = null;
        try
        {
            await Shell.CheckAsync($"'{RepoRoot.Path}/mount-scripts/mount.ipfsmount' --install");
            Assert.Equal(Path.Combine(RepoRoot.Path, "mount-scripts", "mount.ipfsmount"),
                Path.GetFullPath(new FileInfo("/sbin/mount.fuse.ipfsmount").ResolveLinkTarget(true)!.FullName));

            // mount(8) starts the helper without PATH or HOME; IPFSMOUNT_BIN picks this build's executable.
            var mount = await Shell.RunAsync($"IPFSMOUNT_BIN='{Cli}' mount -t fuse.ipfsmount -o no_root_links,offline '{repo}' '{mountPoint}'", MountWait);
            Assert.True(mount.ExitCode == 0, $"mount failed ({mount.ExitCode}): {mount.Stderr}{mount.Stdout}");
            pid = int.Parse(PidPattern().Match(mount.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($" {mountPoint} fuse.ipfsmount ", await File.ReadAllTextAsync("/proc/mounts"), StringComparison.Ordinal);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(mountPoint, "ipfs", cid)));

            var umount = await Shell.RunAsync($"umount '{mountPoint}'", TimeSpan.FromSeconds(30));
            Assert.True(umount.ExitCode == 0, umount.Stderr);
            Assert.False(MountTable.IsFuseMount(mountPoint));
            Assert.True(await ExitedAsync(pid.Value, TimeSpan.FromSeconds(30)), $"mount process {pid} still runs after umount");
            Assert.False(File.Exists(Path.Combine(repo, "api")));
        }
        finally
        {
            await CleanUpAsync(mountPoint, pid, repo);
        }
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_unmounts_cleanly_and_the_process_exits_with_zero(string signal)
    {
        var (repo, mountPoint, cid, bytes) = await RepoWithFileAsync("ipfsmount-sig-");
        try
        {
            await using var mount = await MfsWrite.MfsMountProcess.StartAsync(repo, MfsWrite.MfsMountProcess.DefaultArguments, mountPoint: mountPoint);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(mountPoint, "ipfs", cid)));
            await using (var open = File.OpenRead(Path.Combine(mountPoint, "ipfs", cid))) // an open file must not hold it
            {
                await mount.SignalAsync(signal);
                Assert.Equal(0, await mount.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }
            Assert.False(MountTable.IsFuseMount(mountPoint));
            Assert.Empty(Directory.GetFileSystemEntries(mountPoint));
        }
        finally
        {
            MfsWrite.MfsMountProcess.TryDelete(Path.GetDirectoryName(repo)!);
        }
    }

    [Fact]
    public async Task After_SIGKILL_fusermount3_u_clears_the_mount_and_a_new_mount_replaces_a_stale_one()
    {
        var (repo, mountPoint, cid, bytes) = await RepoWithFileAsync("ipfsmount-kill9-");
        try
        {
            await using var mount = await MfsWrite.MfsMountProcess.StartAsync(repo, MfsWrite.MfsMountProcess.DefaultArguments, mountPoint: mountPoint);
            await mount.KillAsync(clearStaleMount: false);
            Assert.True(MountTable.IsStale(mountPoint));
            await Shell.CheckAsync($"fusermount3 -u '{mountPoint}'", TimeSpan.FromSeconds(30));
            Assert.False(MountTable.IsFuseMount(mountPoint));

            await mount.RestartAsync();
            await mount.KillAsync(clearStaleMount: false);
            Assert.True(MountTable.IsStale(mountPoint));
            await mount.RestartAsync(); // finds the stale mount, clears it, mounts again
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(mountPoint, "ipfs", cid)));
            await mount.SignalAsync("TERM");
            Assert.Equal(0, await mount.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.False(MountTable.IsFuseMount(mountPoint));
        }
        finally
        {
            MfsWrite.MfsMountProcess.TryDelete(Path.GetDirectoryName(repo)!);
        }
    }

    private static async Task<(string Repo, string MountPoint, string Cid, byte[] Bytes)> RepoWithFileAsync(string prefix)
    {
        Assert.True(File.Exists(Cli), $"build the CLI first: {Cli} is missing");
        var work = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        var repo = Path.Combine(work, "repo");
        var mountPoint = Path.Combine(work, "mnt");
        Directory.CreateDirectory(mountPoint);
        var bytes = new byte[300_000];
        new Random(11).NextBytes(bytes);
        await File.WriteAllBytesAsync(Path.Combine(work, "data.bin"), bytes);
        await Shell.CheckAsync($"'{Cli}' --repo-dir '{repo}' init", TimeSpan.FromSeconds(60));
        var cid = (await Shell.CheckAsync($"'{Cli}' --repo-dir '{repo}' add -Q '{work}/data.bin'", TimeSpan.FromSeconds(60))).Trim();
        return (repo, mountPoint, cid, bytes);
    }

    private static async Task<bool> ExitedAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline) await Task.Delay(100);
        return !Directory.Exists($"/proc/{pid}");
    }

    private static async Task CleanUpAsync(string mountPoint, int? pid, string repo)
    {
        if (pid is { } p && Directory.Exists($"/proc/{p}")) await Shell.RunAsync($"kill -KILL {p}");
        if (MountTable.IsFuseMount(mountPoint)) await Shell.RunAsync($"umount -l '{mountPoint}'", TimeSpan.FromSeconds(10));
        try { Directory.Delete(Path.GetDirectoryName(repo)!, recursive: true); }
        catch (IOException) { }
    }

    [GeneratedRegex(@"\(pid (\d+)")]
    private static partial Regex PidPattern();
}
