// Base of the /mfs nodes backed by the live MfsTree: identity is the MFS node (stable across renames), metadata
// changes, fsync (a commit), statfs and the user.ipfs.cid xattr (the node's CID now, flushed on demand).
using System.Text;
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public abstract class MfsTreeNode(MfsTreeScope scope) : VfsNode, IXattrs, ISetAttributes, ISync, IStatFs
{
    public const string CidAttribute = "user.ipfs.cid";

    public MfsTreeScope Scope { get; } = scope;

    /// <summary>The MFS node this VFS node stands for now.</summary>
    public abstract MfsNodeRef Ref { get; }

    public override bool IsImmutable => false;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(Scope.AttributesOf(Ref));

    public IReadOnlyList<string> ListXattrs() => [CidAttribute];

    public async ValueTask<byte[]?> GetXattrAsync(string name, CancellationToken ct) =>
        name == CidAttribute ? Encoding.UTF8.GetBytes((await Scope.Tree.CidOfAsync(Ref, ct).ConfigureAwait(false)).ToString()) : null;

    public async ValueTask SetAttributesAsync(VfsAttributeChanges changes, CancellationToken ct)
    {
        if (changes.Size is { } size)
        {
            if (Ref.Kind != MfsEntryKind.File) throw new VfsException(VfsError.IsDirectory, $"{Ref.Path}: only files have a length to set");
            await Scope.Tree.TruncateAsync(Ref, size, ct).ConfigureAwait(false);
        }
        if (changes.Mode is not null || changes.Mtime is not null)
        {
            var mtime = changes.Mtime is { } t ? MfsTime.FromDateTimeOffset(t) : (MfsTime?)null;
            await Scope.Tree.SetMetadataAsync(Ref, changes.Mode, mtime, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask SyncAsync(CancellationToken ct) => await Scope.Tree.CommitAsync("fsync", ct).ConfigureAwait(false);

    public VfsSpace GetSpace() => Scope.Space();
}
