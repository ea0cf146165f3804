// A real FUSE mount whose /mfs is a live MfsTree over memory blocks, plus a local temp directory to run the same
// shell steps in for comparison.
using IpfsMount.Core;
using IpfsMount.Mfs;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Dag;
using IpfsMount.Vfs.Writable;

namespace IpfsMount.Fuse.Tests;

internal sealed class WritableMfsMount : IAsyncDisposable
{
    private WritableMfsMount(MfsTree tree, TestMount mount, string local)
    {
        Tree = tree;
        Mount = mount;
        Local = local;
    }

    public MfsTree Tree { get; }
    public TestMount Mount { get; }

    /// <summary>&lt;mount&gt;/mfs</summary>
    public string Mfs => Path.Combine(Mount.Path, "mfs");

    /// <summary>A local directory on the host file system, for the same steps.</summary>
    public string Local { get; }

    public static async Task<WritableMfsMount> StartAsync(MfsOptions? options = null)
    {
        var blocks = new MemoryBlockStore();
        var tree = await MfsTree.OpenAsync(blocks, new MemoryMfsVersionLog(), options ?? new MfsOptions { AutoCommitInterval = null });
        var source = new UnixFsSource(blocks, new VfsOptions());
        var scope = new MfsTreeScope(tree, () => VfsSpace.Of(Path.GetTempPath()));
        var root = new MountRootNode(new IpfsRootNode(source), new IpnsRootNode(), new MfsTreeRootNode(scope));
        var mount = await TestMount.StartAsync(root);
        var local = Path.Combine(Path.GetTempPath(), "ipfsmount-local-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(local);
        return new WritableMfsMount(tree, mount, local);
    }

    /// <summary>
    /// Runs <paramref name="script"/> (bash, `$D` is the directory to work in, stderr merged into stdout) in a fresh
    /// directory under /mfs and in a fresh local directory; returns both outputs with the directory names replaced by `$D`.
    /// </summary>
    public async Task<(string Mounted, string Local)> RunBothAsync(string name, string script)
    {
        var mounted = Path.Combine(Mfs, name);
        var local = Path.Combine(Local, name);
        Directory.CreateDirectory(mounted);
        Directory.CreateDirectory(local);
        return (await RunInAsync(mounted, script), await RunInAsync(local, script));
    }

    public static async Task<string> RunInAsync(string directory, string script)
    {
        var result = await Shell.RunAsync($"export LC_ALL=C D='{directory}'; cd \"$D\"; {{\n{script}\n}} 2>&1", TimeSpan.FromSeconds(60));
        return result.Stdout.Replace(directory, "$D", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Mount.DisposeAsync();
            await Tree.DisposeAsync();
        }
        finally
        {
            Directory.Delete(Local, recursive: true);
        }
    }
}
