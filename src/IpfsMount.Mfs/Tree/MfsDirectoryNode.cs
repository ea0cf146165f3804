// An MFS directory: its entries by name (each a CID until loaded), UnixFS mode/mtime, and a dirty flag.
// HAMT-sharded directories imported from elsewhere can be listed and read, not changed (yet).
using IpfsMount.Core;

namespace IpfsMount.Mfs;

internal sealed class MfsDirectoryNode(uint? mode, MfsTime? mtime) : MfsNode
{
    public override MfsEntryKind Kind => MfsEntryKind.Directory;
    public SortedDictionary<string, DirEntrySlot> Entries { get; } = new(StringComparer.Ordinal);
    public uint? Mode { get; set; } = mode;
    public MfsTime? Mtime { get; set; } = mtime;
    public bool IsSharded { get; init; }

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
}
