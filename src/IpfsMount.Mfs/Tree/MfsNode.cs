// The in-memory MFS tree: a node is a directory, file or symlink with its UnixFS mode/mtime and a
// clean CID (null while dirty). Nodes are loaded lazily from blocks as paths are touched.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

internal abstract class MfsNode
{
    public MfsDirectoryNode? Parent { get; set; }
    public string Name { get; set; } = "";
    public abstract MfsEntryKind Kind { get; }

    private MfsNodeRef? _ref;

    /// <summary>The one public reference of this node (its identity for inode tables).</summary>
    public MfsNodeRef Ref => _ref ?? Interlocked.CompareExchange(ref _ref, new MfsNodeRef(this), null) ?? _ref;

    /// <summary>UTC ticks of the last change made in this session (0: none); reported when no UnixFS mtime is stored.</summary>
    public long ModifiedTicks;

    /// <summary>True when this node is reachable from <paramref name="root"/> through its parents.</summary>
    public bool IsAttachedTo(MfsDirectoryNode root)
    {
        MfsNode n = this;
        while (n.Parent is { } p) n = p;
        return ReferenceEquals(n, root);
    }

    public string PathFromRoot()
    {
        var parts = new List<string>();
        for (MfsNode? n = this; n?.Parent is not null; n = n.Parent) parts.Add(n.Name);
        parts.Reverse();
        return "/" + string.Join('/', parts);
    }
}

internal sealed class MfsSymlinkNode(string target, uint? mode, MfsTime? mtime) : MfsNode
{
    public override MfsEntryKind Kind => MfsEntryKind.Symlink;
    public string Target { get; } = target;
    public Cid? CleanCid { get; set; }
    public ulong CleanTsize { get; set; }
    public uint? Mode { get; set; } = mode;
    public MfsTime? Mtime { get; set; } = mtime;
}

internal sealed class MfsFileNode(FileContent content) : MfsNode
{
    public override MfsEntryKind Kind => MfsEntryKind.File;
    /// <summary>Replaced only under <see cref="Lock"/> while no handle is open (a per-operation layout).</summary>
    public FileContent Content { get; set; } = content;
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>Open handles; guarded by <see cref="Lock"/>.</summary>
    public int OpenHandles { get; set; }

    /// <summary>Set by a write while handles are open; the close of the last handle commits.</summary>
    public bool ChangedWhileOpen { get; set; }
}

internal sealed class DirEntrySlot(Cid cid, ulong tsize)
{
    public Cid Cid { get; set; } = cid;
    public ulong Tsize { get; set; } = tsize;
    public MfsNode? Node { get; set; }

    /// <summary>Whether this (unloaded) entry counts toward its directory's shard-size estimate: false for a
    /// non-empty subdirectory, as in the importer; null until looked up. Valid while <see cref="Node"/> is null.</summary>
    public bool? CountsTowardShardSize { get; set; }
}
