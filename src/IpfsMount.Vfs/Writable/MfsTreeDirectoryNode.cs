// A directory of the live MFS tree: lookup, listing, and every change a mount makes (create, mkdir, unlink,
// rmdir, rename, symlink), each an atomic MfsTree operation on this directory's node.
using System.Runtime.CompilerServices;
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public class MfsTreeDirectoryNode(MfsTreeScope scope, MfsNodeRef? node)
    : MfsTreeNode(scope), ILookup, IDirectoryLister, ICreate, IMkdir, IUnlink, IRmdir, IRename, ISymlink
{
    public override MfsNodeRef Ref => node!;

    public override object Identity => Ref;

    private MfsTree Tree => Scope.Tree;

    public async ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct) =>
        await Tree.LookupAsync(Ref, name, ct).ConfigureAwait(false) is { } child ? Scope.NodeFor(child) : null;

    public async IAsyncEnumerable<VfsDirEntry> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (name, child) in await Tree.ChildrenAsync(Ref, ct).ConfigureAwait(false))
        {
            yield return new VfsDirEntry(name, Scope.NodeFor(child));
        }
    }

    public async ValueTask<(VfsNode Node, IFileWriter? Handle)> CreateAsync(string name, uint mode, VfsOpenFlags flags, CancellationToken ct)
    {
        var (created, handle) = await Tree.CreateAsync(Ref, name, mode & 0xFFF, MfsTreeFileNode.ToMfs(flags), ct).ConfigureAwait(false);
        return (Scope.NodeFor(created), handle is null ? null : new MfsTreeFileHandle(Scope, created, handle));
    }

    public async ValueTask<VfsNode> MkdirAsync(string name, uint mode, CancellationToken ct) =>
        Scope.NodeFor(await Tree.MkdirAsync(Ref, name, mode & 0xFFF, ct).ConfigureAwait(false));

    public async ValueTask UnlinkAsync(string name, CancellationToken ct) =>
        await Tree.RemoveAsync(Ref, name, directory: false, ct).ConfigureAwait(false);

    public async ValueTask RmdirAsync(string name, CancellationToken ct) =>
        await Tree.RemoveAsync(Ref, name, directory: true, ct).ConfigureAwait(false);

    public async ValueTask RenameAsync(string name, VfsNode newParent, string newName, bool noReplace, CancellationToken ct)
    {
        if (newParent is not MfsTreeDirectoryNode target || !ReferenceEquals(target.Tree, Tree))
            throw new VfsException(VfsError.CrossDevice, $"cannot move '{name}' out of /mfs: copy it instead");
        await Tree.RenameAsync(Ref, name, target.Ref, newName, noReplace, ct).ConfigureAwait(false);
    }

    public async ValueTask<VfsNode> SymlinkAsync(string name, string target, CancellationToken ct) =>
        Scope.NodeFor(await Tree.SymlinkAsync(Ref, name, target, ct).ConfigureAwait(false));
}
