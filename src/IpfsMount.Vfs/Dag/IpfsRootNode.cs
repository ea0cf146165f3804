// /ipfs: lists nothing, resolves any CID (v0 or v1, any multibase) to its UnixFS node on lookup.
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

public sealed class IpfsRootNode(IUnixFsSource source) : VfsNode, ILookup, IDirectoryLister
{
    public override bool IsImmutable => true;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(VfsAttributes.Directory());

    /// <summary>The node for CID <paramref name="name"/>; null (ENOENT) for text that is not a CID or a block not held.</summary>
    public async ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct)
    {
        if (!Cid.TryParse(name, out var cid, out _)) return null;
        try
        {
            return DagNode.For(source, await source.StatAsync(cid, ct).ConfigureAwait(false));
        }
        catch (BlockNotFoundException)
        {
            return null;
        }
    }

    public IAsyncEnumerable<VfsDirEntry> ListAsync(CancellationToken ct) => AsyncEnumerable.Empty<VfsDirEntry>();
}
