// The inode table: stable inode numbers for nodes, with kernel lookup counts and forget (FUSE_FORGET semantics).
namespace IpfsMount.Vfs.Inodes;

/// <summary>
/// Maps inode numbers to nodes. Each successful lookup (or readdirplus entry) adds one reference; the kernel
/// returns them with forget. A node whose count drops to zero leaves the table; numbers are never reused,
/// so generation is always 0. Nodes with equal <see cref="VfsNode.Identity"/> share one inode.
/// </summary>
public sealed class InodeTable
{
    public const ulong RootInode = 1;

    private readonly Lock gate = new();
    private readonly Dictionary<ulong, Slot> byInode = new();
    private readonly Dictionary<object, ulong> byIdentity = new();
    private ulong nextInode = RootInode + 1;

    public InodeTable(VfsNode root)
    {
        byInode[RootInode] = new Slot(root) { Lookups = 1, Parent = RootInode };
        byIdentity[root.Identity] = RootInode;
    }

    /// <summary>Number of live inodes, the root included.</summary>
    public int Count
    {
        get { lock (gate) return byInode.Count; }
    }

    /// <summary>Adds one kernel reference to <paramref name="node"/> and returns its inode and the node kept for it.</summary>
    public (ulong Inode, VfsNode Node) Acquire(VfsNode node) => Acquire(node, null);

    /// <summary>
    /// Like <see cref="Acquire(VfsNode)"/>, and records <paramref name="parent"/> (when it has an inode) as the
    /// directory the node was last reached through: what `..` of a directory lists.
    /// </summary>
    public (ulong Inode, VfsNode Node) Acquire(VfsNode node, VfsNode? parent)
    {
        lock (gate)
        {
            var parentInode = parent is not null && byIdentity.TryGetValue(parent.Identity, out var p) ? p : 0;
            if (byIdentity.TryGetValue(node.Identity, out var existing))
            {
                var slot = byInode[existing];
                slot.Lookups++;
                if (parentInode != 0) slot.Parent = parentInode;
                return (existing, slot.Node);
            }
            var inode = nextInode++;
            byInode[inode] = new Slot(node) { Lookups = 1, Parent = parentInode == 0 ? RootInode : parentInode };
            byIdentity[node.Identity] = inode;
            return (inode, node);
        }
    }

    /// <summary>The inode of the node with <paramref name="identity"/> while the kernel holds it, else null.</summary>
    public ulong? TryGetInode(object identity)
    {
        lock (gate) return byIdentity.TryGetValue(identity, out var inode) ? inode : null;
    }

    /// <summary>The inode of the directory <paramref name="inode"/> was last reached through (the root for the root).</summary>
    public ulong ParentOf(ulong inode)
    {
        lock (gate)
        {
            if (byInode.TryGetValue(inode, out var slot)) return slot.Parent;
        }
        throw new VfsException(VfsError.InvalidHandle, $"inode {inode} is not known (already forgotten)");
    }

    public VfsNode Get(ulong inode)
    {
        lock (gate)
        {
            if (byInode.TryGetValue(inode, out var slot)) return slot.Node;
        }
        throw new VfsException(VfsError.InvalidHandle, $"inode {inode} is not known (already forgotten)");
    }

    public long LookupCount(ulong inode)
    {
        lock (gate) return byInode.TryGetValue(inode, out var slot) ? slot.Lookups : 0;
    }

    /// <summary>Drops <paramref name="count"/> kernel references; the root is never dropped.</summary>
    public void Forget(ulong inode, ulong count)
    {
        lock (gate)
        {
            if (!byInode.TryGetValue(inode, out var slot)) return;
            slot.Lookups -= (long)Math.Min(count, long.MaxValue);
            if (slot.Lookups > 0 || inode == RootInode) return;
            byInode.Remove(inode);
            byIdentity.Remove(slot.Node.Identity);
        }
    }

    private sealed class Slot(VfsNode node)
    {
        public VfsNode Node { get; } = node;
        public long Lookups { get; set; }
        public ulong Parent { get; set; }
    }
}
