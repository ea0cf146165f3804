// A FUSE mount of a VFS at a unique temporary directory, unmounted (with a timeout) and removed on dispose.
using IpfsMount.Vfs;

namespace IpfsMount.Fuse.Tests;

internal sealed class TestMount : IAsyncDisposable
{
    private TestMount(string path, FuseMount mount)
    {
        Path = path;
        Mount = mount;
    }

    public string Path { get; }
    public FuseMount Mount { get; }
    public VirtualFileSystem Vfs => Mount.Vfs;

    public static async Task<TestMount> StartAsync(VfsNode root, VfsOptions? options = null, FuseMountOptions? fuse = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ipfsmount-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var vfs = new VirtualFileSystem(root, options ?? new VfsOptions { BlockTimeout = TimeSpan.FromSeconds(20) });
        var mount = FuseMount.Start(path, vfs, (fuse ?? new FuseMountOptions()) with { UnmountTimeout = TimeSpan.FromSeconds(5) });
        // The kernel sends INIT right after mount; wait until the mount answers.
        for (var i = 0; i < 200 && mount.Negotiation is null; i++) await Task.Delay(10);
        return new TestMount(path, mount);
    }

    public async ValueTask DisposeAsync()
    {
        var unmount = Mount.UnmountAsync();
        if (await Task.WhenAny(unmount, Task.Delay(TimeSpan.FromSeconds(20))) != unmount)
        {
            await Shell.RunAsync($"umount -l '{Path}'", TimeSpan.FromSeconds(5));
        }
        try { Directory.Delete(Path); }
        catch (IOException) { }
    }
}
