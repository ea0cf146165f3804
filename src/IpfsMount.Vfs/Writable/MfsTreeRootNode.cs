// <mnt>/mfs: the root directory of the live MFS tree; it follows the tree's current root (rollback replaces it).
namespace IpfsMount.Vfs.Writable;

public sealed class MfsTreeRootNode(MfsTreeScope scope) : MfsTreeDirectoryNode(scope, null)
{
    public override IpfsMount.Mfs.MfsNodeRef Ref => Scope.Tree.RootRef;

    /// <summary>One inode for /mfs whatever root the tree has now.</summary>
    public override object Identity => this;
}
