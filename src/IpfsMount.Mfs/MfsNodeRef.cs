// A stable reference to one node of the live MFS tree: it survives renames (inode identity for a mount) and
// keeps an unlinked node reachable for its open handles.
namespace IpfsMount.Mfs;

public sealed class MfsNodeRef
{
    internal MfsNodeRef(MfsNode node) => Node = node;

    internal MfsNode Node { get; }

    public MfsEntryKind Kind => Node.Kind;

    /// <summary>The node's current path from the root of the tree it hangs in (its last path once unlinked).</summary>
    public string Path => Node.PathFromRoot();
}
