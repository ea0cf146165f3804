// /ipns: an empty directory for now; names resolve once IPNS lands (every lookup is ENOENT until then).
namespace IpfsMount.Vfs.Dag;

public sealed class IpnsRootNode : VfsNode, ILookup, IDirectoryLister
{
    public override bool IsImmutable => false;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(VfsAttributes.Directory());

    public ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct) => ValueTask.FromResult<VfsNode?>(null);

    public IAsyncEnumerable<VfsDirEntry> ListAsync(CancellationToken ct) => AsyncEnumerable.Empty<VfsDirEntry>();
}
