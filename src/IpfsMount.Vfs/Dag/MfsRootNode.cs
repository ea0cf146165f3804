// /mfs: a read-only view of the current MFS root CID (empty while there is none); mutable, so short cache times.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

/// <param name="currentRoot">the MFS root now (e.g. from the repo's MFS root store), or null when MFS is empty.</param>
public sealed class MfsRootNode(IUnixFsSource source, Func<CancellationToken, ValueTask<Cid?>>? currentRoot)
    : VfsNode, ILookup, IDirectoryLister, IXattrs
{
    private DagDirectoryNode? view;

    public override bool IsImmutable => false;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(VfsAttributes.Directory());

    public async ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct) =>
        await ViewAsync(ct).ConfigureAwait(false) is { } dir ? await dir.LookupAsync(name, ct).ConfigureAwait(false) : null;

    public async IAsyncEnumerable<VfsDirEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (await ViewAsync(ct).ConfigureAwait(false) is not { } dir) yield break;
        await foreach (var entry in dir.ListAsync(ct).ConfigureAwait(false)) yield return entry;
    }

    public IReadOnlyList<string> ListXattrs() => [DagNode.CidAttribute];

    public async ValueTask<byte[]?> GetXattrAsync(string name, CancellationToken ct) =>
        name == DagNode.CidAttribute && await ViewAsync(ct).ConfigureAwait(false) is { } dir
            ? Encoding.UTF8.GetBytes(dir.Cid.ToString())
            : null;

    private async ValueTask<DagDirectoryNode?> ViewAsync(CancellationToken ct)
    {
        if (currentRoot is null) return null;
        var root = await currentRoot(ct).ConfigureAwait(false);
        if (root is not { } cid) return null;
        var cached = view;
        if (cached is not null && cached.Cid == cid) return cached;
        var info = await source.StatAsync(cid, ct).ConfigureAwait(false);
        if (info.Kind != VfsNodeKind.Directory) return null;
        return view = new DagDirectoryNode(source, info);
    }
}
