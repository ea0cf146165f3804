// Writes MFS directories to blocks: a plain UnixFS directory, or a HAMT shard (fanout 256) while the size estimate
// is above the layout's threshold — the importer's rule (ipfs-unixfs-importer, boxo io.Directory), both ways.
using System.Text;
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree
{
    private async ValueTask<(Cid Cid, ulong Tsize)> FlushDirectoryAsync(MfsDirectoryNode dir, CancellationToken ct)
    {
        if (dir.CleanCid is { } clean) return (clean, dir.CleanTsize);
        foreach (var (name, slot) in dir.Entries)
        {
            if (slot.Node is not { } child) continue;
            var before = slot.Cid;
            (slot.Cid, slot.Tsize) = await FlushSubtreeAsync(child, ct).ConfigureAwait(false);
            if (!slot.Cid.Equals(before) && dir.Shard is { } shard && !shard.Touch(name)) dir.Shard = null;
        }
        var layout = _blocks.Layout;
        int version = dir.CidVersion ?? layout.CidVersion;
        ulong hash = dir.HashCode ?? layout.HashCode;
        var encodedMode = DagBlocks.OmitDefault(dir.Mode, DagBlocks.DefaultDirectoryMode);
        var mtime = dir.Mtime?.ToUnixFs();
        EncodedBlock block;
        if (await NeedsShardAsync(dir, layout, encodedMode, mtime, ct).ConfigureAwait(false))
        {
            if (dir.Shard is not { } shard || shard.EncodedWith != (version, hash))
                dir.Shard = shard = MfsHamtShard.Build(dir.Entries.Keys);
            shard.EncodedWith = (version, hash);
            shard.MarkDirty(); // the root shard carries the directory's mode and mtime
            var (cid, tsize) = await shard.EncodeAsync(_blocks, dir.Entries, new UnixFsData { Mode = encodedMode, Mtime = mtime }, ct)
                .ConfigureAwait(false);
            block = new EncodedBlock(cid, default, tsize);
        }
        else
        {
            dir.Shard = null;
            var entries = new List<KeyValuePair<string, (Cid, ulong)>>(dir.Entries.Count);
            foreach (var (name, slot) in dir.Entries) entries.Add(new(name, (slot.Cid, slot.Tsize)));
            block = await _blocks.PutAsync(_blocks.Directory(entries, dir.Mode, dir.Mtime, version, hash), ct).ConfigureAwait(false);
        }
        dir.CleanCid = block.Cid;
        dir.CleanTsize = block.Tsize;
        return (block.Cid, block.Tsize);
    }

    /// <summary>
    /// The importer's test (DirectoryWriter): the flat block's estimate above the threshold. Non-empty subdirectories
    /// count for nothing, as in ipfs-unixfs-importer; that is only checked when the estimate of every link is
    /// already above the threshold (an unloaded child's block is read once for it).
    /// </summary>
    private async ValueTask<bool> NeedsShardAsync(MfsDirectoryNode dir, MfsLayout layout, uint? encodedMode, UnixFsTime? mtime,
        CancellationToken ct)
    {
        var strategy = layout.ShardSplitStrategy;
        long threshold = layout.ShardSplitThresholdBytes;
        long all = ShardSizeEstimate.Base(strategy, encodedMode, mtime);
        foreach (var (name, slot) in dir.Entries)
            all += ShardSizeEstimate.Link(strategy, Encoding.UTF8.GetByteCount(name), slot.Cid.EncodedLength, slot.Tsize);
        if (all <= threshold) return false;
        long counted = all;
        foreach (var (name, slot) in dir.Entries)
        {
            if (await CountsTowardShardSizeAsync(slot, ct).ConfigureAwait(false)) continue;
            counted -= ShardSizeEstimate.Link(strategy, Encoding.UTF8.GetByteCount(name), slot.Cid.EncodedLength, slot.Tsize);
            if (counted <= threshold) return false;
        }
        return true;
    }

    private async ValueTask<bool> CountsTowardShardSizeAsync(DirEntrySlot slot, CancellationToken ct)
    {
        switch (slot.Node)
        {
            case MfsDirectoryNode d: return d.Entries.Count == 0;
            case not null: return true;
        }
        if (slot.CountsTowardShardSize is { } known) return known;
        bool counts = true;
        if (slot.Cid.Codec == Multicodec.DagPb)
        {
            var node = await _blocks.GetAsync(slot.Cid, ct).ConfigureAwait(false);
            counts = node.Kind != MfsEntryKind.Directory || node.Links.Count == 0;
        }
        slot.CountsTowardShardSize = counts;
        return counts;
    }
}
