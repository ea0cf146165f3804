// The mount host and the CLI verbs: root links that never clobber, the API served while mounted, and cleanup after
// a mounting process is SIGKILLed.
using IpfsMount.Core;
using IpfsMount.Daemon.Mount;
using IpfsMount.Fuse.Tests.MfsWrite;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Dag;

namespace IpfsMount.Fuse.Tests;

public sealed class MountHostTests : IDisposable
{
    private readonly List<string> _temps = [];

    private string TempDir(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        _temps.Add(path);
        return path;
    }

    /// <summary>Removes the test's temporary directories, never descending into one that still holds a mount.</summary>
    public void Dispose()
    {
        foreach (var dir in _temps)
        {
            if (!Directory.Exists(dir) || MountTable.IsFuseMount(Path.Combine(dir, "mnt"))) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task Root_links_point_into_the_mount_skip_real_directories_and_are_removed_on_unmount()
    {
        var links = TempDir("ipfsmount-links-");
        var mountPoint = Path.Combine(TempDir("ipfsmount-host-"), "mnt");
        Directory.CreateDirectory(Path.Combine(links, "mfs")); // a real directory: must be left alone
        File.CreateSymbolicLink(Path.Combine(links, "ipns"), "/nonexistent/stale"); // a stale link: replaced
        var options = new MountHostOptions { MountPoint = mountPoint, LinkDirectory = links };
        var host = await MountHost.StartAsync(new MemoryBlockStore(), b => new UnixFsSource(b, new VfsOptions()), null, options);
        try
        {
            Assert.True(MountTable.IsFuseMount(mountPoint));
            Assert.Equal(Path.Combine(mountPoint, "ipfs"), new FileInfo(Path.Combine(links, "ipfs")).LinkTarget);
            Assert.Equal(Path.Combine(mountPoint, "ipns"), new FileInfo(Path.Combine(links, "ipns")).LinkTarget);
            Assert.Null(new DirectoryInfo(Path.Combine(links, "mfs")).LinkTarget);
            Assert.Equal([Path.Combine(links, "mfs")], host.SkippedLinks);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(links, "ipfs") + "/"));
        }
        finally
        {
            await host.UnmountAsync();
        }
        Assert.False(MountTable.IsFuseMount(mountPoint));
        Assert.False(File.Exists(Path.Combine(links, "ipfs")) || new FileInfo(Path.Combine(links, "ipfs")).LinkTarget is not null);
        Assert.True(Directory.Exists(Path.Combine(links, "mfs")));
        Directory.Delete(links, true);
    }

    [Fact]
    public async Task Ipfsmount_unmount_clears_the_mount_of_a_SIGKILLed_mount_process()
    {
        await using var mount = await MfsMountProcess.StartAsync();
        var mountPoint = mount.MountPoint;
        Assert.Equal(["ipfs", "ipns", "mfs", "mfs@"], Directory.GetFileSystemEntries(mountPoint).Select(p => Path.GetFileName(p)!).Order());

        await mount.KillAsync(clearStaleMount: false); // SIGKILL: no chance to unmount
        Assert.True(MountTable.IsStale(mountPoint));

        var unmount = await Shell.RunAsync($"'{MfsMountProcess.Cli}' unmount '{mountPoint}'", TimeSpan.FromSeconds(60));
        Assert.True(unmount.ExitCode == 0, unmount.Stderr);
        Assert.Contains("Unmounted", unmount.Stdout);
        Assert.False(MountTable.IsFuseMount(mountPoint));
        Assert.Empty(Directory.GetFileSystemEntries(mountPoint));
    }

    [Fact]
    public async Task Ipfsmount_mount_serves_the_api_so_add_works_while_mounted_and_an_external_unmount_stops_it()
    {
        await using var mount = await MfsMountProcess.StartAsync();
        var source = Path.Combine(TempDir("ipfsmount-src-"), "data.bin");
        var bytes = new byte[700_000];
        new Random(5).NextBytes(bytes);
        await File.WriteAllBytesAsync(source, bytes);

        // The mounting process holds the repo; `add` must go through its API and the content appear in the mount.
        var add = await mount.RunCliAsync($"add -Q '{source}'", TimeSpan.FromSeconds(60));
        Assert.True(add.ExitCode == 0, add.Stderr);
        var cid = add.Stdout.Trim();
        Assert.Equal(Cid.Parse(cid), Cid.Parse(cid).ToV0());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(mount.Ipfs, cid)));

        var unmount = await Shell.RunAsync($"'{MfsMountProcess.Cli}' unmount '{mount.MountPoint}'", TimeSpan.FromSeconds(60));
        Assert.True(unmount.ExitCode == 0, unmount.Stderr);
        Assert.Equal(0, await mount.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(File.Exists(Path.Combine(mount.RepoPath, "api")));
    }
}
