// The mount lifecycle of `ipfsmount mount`: wire blocks → UnixFS → VFS → FUSE, root links, clean unmount.
using IpfsMount.Core;
using IpfsMount.Fuse;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Blocks;
using IpfsMount.Vfs.Dag;
using IpfsMount.Vfs.Writable;

namespace IpfsMount.Daemon.Mount;

/// <summary>
/// Serves /ipfs, /ipns and /mfs from a block store at a mount point until an external `fusermount3 -u`
/// (see <see cref="Completion"/>) or <see cref="UnmountAsync"/>; signals are handled by the daemon that hosts
/// it (MountComponent). A stale mount left by a killed process is cleared first.
/// </summary>
public sealed class MountHost : IAsyncDisposable
{
    private readonly FuseMount mount;
    private readonly RootLinks? links;
    private readonly CountingBlockStore counter;
    private MfsCacheInvalidator? invalidator;

    private MountHost(FuseMount mount, RootLinks? links, CountingBlockStore counter, IReadOnlyList<string> skippedLinks)
    {
        this.mount = mount;
        this.links = links;
        this.counter = counter;
        SkippedLinks = skippedLinks;
    }

    /// <summary>Cache lifetime of /mfs names and attributes when changes beside the mount are invalidated.</summary>
    public static readonly TimeSpan NotifiedMfsCacheTimeout = TimeSpan.FromSeconds(60);

    public string MountPoint => mount.Mountpoint;
    public IReadOnlyList<string> Links => links?.Created ?? [];

    /// <summary>Paths that exist and are not symlinks, so no link was made there.</summary>
    public IReadOnlyList<string> SkippedLinks { get; }

    public long BlocksRead => counter.Gets;
    public Task<int> Completion => mount.Completion;
    public VirtualFileSystem Vfs => mount.Vfs;

    /// <param name="sourceFor">builds the UnixFS reader over the (counted) block store.</param>
    /// <param name="mfs">the process's live MFS tree behind a writable /mfs, or null for an empty read-only /mfs.</param>
    public static async Task<MountHost> StartAsync(IBlockStore blocks, Func<IBlockStore, IUnixFsSource> sourceFor,
        MfsTreeScope? mfs, MountHostOptions options, CancellationToken ct = default)
    {
        var mountPoint = Path.GetFullPath(options.MountPoint);
        if (MountTable.IsStale(mountPoint))
        {
            await MountTable.UnmountAsync(mountPoint, ct).ConfigureAwait(false);
            RootLinks.RemoveLeftovers(mountPoint, options.LinkDirectory);
        }
        if (MountTable.IsFuseMount(mountPoint))
        {
            throw new FuseMountException($"'{mountPoint}' is already mounted; unmount it with `ipfsmount unmount {mountPoint}`");
        }
        Directory.CreateDirectory(mountPoint);

        var counter = new CountingBlockStore(blocks);
        var source = sourceFor(counter);
        VfsNode mfsNode = mfs is null ? new MfsRootNode(source, null) : new MfsTreeRootNode(mfs);
        var root = new MountRootNode(new IpfsRootNode(source), new IpnsRootNode(), mfsNode, () => counter.Gets);
        if (options.MfsHistory is { } history) root.WithMfsVersions(new MfsVersionsNode(source, history));
        // with the invalidator below, /mfs names and attributes can stay cached far longer than the 1 s of a blind cache
        var vfsOptions = mfs is null ? options.Vfs
            : options.Vfs with { NotifiedMfsCacheTimeout = options.Vfs.NotifiedMfsCacheTimeout ?? NotifiedMfsCacheTimeout };
        var vfs = new VirtualFileSystem(root, vfsOptions);
        var isRoot = Environment.IsPrivilegedProcess;
        var mount = FuseMount.Start(mountPoint, vfs, options.Fuse with { AllowOther = options.Fuse.AllowOther || isRoot });

        RootLinks? links = null;
        IReadOnlyList<string> skipped = [];
        if (options.RootLinks && isRoot)
        {
            links = new RootLinks(mountPoint, options.LinkDirectory);
            try
            {
                skipped = links.Create();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped = [$"{options.LinkDirectory} ({e.Message})"];
            }
        }
        var host = new MountHost(mount, links, counter, skipped);
        // changes made beside the mount (files verbs, rollback) drop what the kernel cached at once
        if (mfs is not null) host.invalidator = new MfsCacheInvalidator(mfs.Tree, mfsNode, vfs, mount);
        return host;
    }

    public async Task UnmountAsync()
    {
        links?.Remove();
        invalidator?.Dispose();
        await mount.UnmountAsync().ConfigureAwait(false);
        await mount.Vfs.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await UnmountAsync().ConfigureAwait(false);
}
