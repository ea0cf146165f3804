// The FUSE mount as a daemon component: `ipfsmount mount` runs the daemon (API and all) with this component, so
// the CLI keeps working through the API while the repo is locked by the mounting process.
using IpfsMount.Daemon.Hosting;
using IpfsMount.Mfs;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Blocks;
using IpfsMount.Vfs.Dag;
using IpfsMount.Vfs.Writable;

namespace IpfsMount.Daemon.Mount;

public sealed class MountComponent(DaemonContext context, MountHostOptions options, TextWriter output) : IDaemonComponent
{
    private MountHost? _host;

    public string Name => "mount";

    public async Task StartAsync(CancellationToken ct)
    {
        var repo = context.Node.Repo;
        // The kernel page cache (keep_cache) is the data cache of a mount: read the hash-checked RocksDB store
        // directly instead of filling the repo's managed block cache with the same bytes a second time; a block that
        // is not local goes through the node's store (Bitswap when the network runs), which caches it in the repo.
        var node = context.Node;
        _host = await MountHost.StartAsync(new LocalFirstBlockStore(repo.LocalBlocks, () => node.Blocks), blocks => new UnixFsSource(blocks, options.Vfs, storeVerifies: true),
            new MfsTreeScope(await node.MfsAsync().ConfigureAwait(false), () => VfsSpace.Of(context.Options.RepoPath)),
            options with { MfsHistory = new RepoMfsVersionLog(repo.MfsRoots) }, ct).ConfigureAwait(false);
        // An external unmount (`ipfsmount unmount`, `fusermount3 -u`) ends the session: stop the whole daemon.
        _ = _host.Completion.ContinueWith(_ => context.RequestStop(), TaskScheduler.Default);
        await ReportAsync(_host, ct).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_host is not { } host) return;
        await host.UnmountAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"Unmounted {host.MountPoint}").ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task ReportAsync(MountHost host, CancellationToken ct)
    {
        await output.WriteLineAsync($"Mounted IPFS at {host.MountPoint} (repo {context.Options.RepoPath}):").ConfigureAwait(false);
        await output.WriteLineAsync($"  {host.MountPoint}/ipfs  any CID, read-only: {host.MountPoint}/ipfs/<cid>/path").ConfigureAwait(false);
        await output.WriteLineAsync($"  {host.MountPoint}/ipns  IPNS names (none resolve yet)").ConfigureAwait(false);
        await output.WriteLineAsync($"  {host.MountPoint}/mfs   the versioned writable MFS (every commit is a version: `ipfsmount history`)").ConfigureAwait(false);
        await output.WriteLineAsync($"  {host.MountPoint}/mfs@  MFS versions, read-only: {host.MountPoint}/mfs@/<version>/path or mfs@/<root-cid>/path").ConfigureAwait(false);
        if (host.Links.Count > 0) await output.WriteLineAsync($"  linked {string.Join(", ", host.Links)} into the mount").ConfigureAwait(false);
        foreach (var skipped in host.SkippedLinks)
            await output.WriteLineAsync($"  not linking {skipped}: it exists and is not a symlink").ConfigureAwait(false);
        await output.WriteLineAsync($"Stop with Ctrl+C or `ipfsmount unmount {host.MountPoint}`.").ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }
}
