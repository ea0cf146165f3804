// An MFS directory: its entries by name (each a CID until loaded), UnixFS mode/mtime, a dirty flag, and — while it is
// HAMT-sharded — its shard tree (MfsHamtShard), kept in step with every entry added or removed.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

internal sealed class MfsDirectoryNode(uint? mode, MfsTime? mtime) : MfsNode
{
    public override MfsEntryKind Kind => MfsEntryKind.Directory;

    /// <summary>The entries by name; change them only through <see cref="SetEntry"/> and <see cref="RemoveEntry"/>.</summary>
    public SortedDictionary<string, DirEntrySlot> Entries { get; } = new(StringComparer.Ordinal);
    public uint? Mode { get; set; } = mode;
    public MfsTime? Mtime { get; set; } = mtime;

    /// <summary>The shard tree while this directory is written as a HAMT (null: a plain directory block).</summary>
    public MfsHamtShard? Shard { get; set; }

    public bool IsSharded => Shard is not null;

    /// <summary>CID version and hash of this directory's block (Kubo's per-directory CID prefix, `files chcid`);
    /// null means the tree layout's.</summary>
    public int? CidVersion { get; set; }
    public ulong? HashCode { get; set; }
    public Cid? CleanCid { get; set; }
    public ulong CleanTsize { get; set; }

    public bool IsDirty => CleanCid is null;

    public void MarkDirty()
    {
        for (MfsDirectoryNode? d = this; d is not null; d = d.Parent) d.CleanCid = null;
    }

    public void SetEntry(string name, DirEntrySlot slot)
    {
        Entries[name] = slot;
        Shard?.Insert(name);
    }

    public DirEntrySlot? RemoveEntry(string name)
    {
        if (!Entries.Remove(name, out var slot)) return null;
        if (Shard is { } shard && !shard.Remove(name)) Shard = null; // a foreign shape: rebuilt canonically at the flush
        return slot;
    }
}
