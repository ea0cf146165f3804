// Writes a UnixFS directory (ipfs/specs UNIXFS.md "Directory"): a flat dag-pb node with links sorted by name bytes,
// or a HAMT shard once the size estimate (links-bytes or block-bytes) exceeds the threshold, as the JS importer does.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

internal sealed class DirectoryWriter(BlockSink sink, ImportOptions options)
{
    /// <summary>Writes the directory and returns its CID and cumulative size.</summary>
    public async ValueTask<FileChild> WriteAsync(IReadOnlyList<DirectoryChild> children, uint? mode, UnixFsTime? mtime,
        CancellationToken ct)
    {
        var encodedMode = MetadataPolicy.EncodedMode(mode, isDirectory: true);
        if (EstimateSize(children, encodedMode, mtime) > options.ShardSplitThresholdBytes)
        {
            var shard = new HamtShardWriter(sink, options.CidVersion);
            return await shard.WriteAsync(children, encodedMode, mtime, ct).ConfigureAwait(false);
        }
        var links = new List<PbLink>(children.Count);
        ulong tsizes = 0;
        foreach (var child in SortByName(children))
        {
            links.Add(new PbLink(child.Cid, child.Name, child.Tsize));
            tsizes += child.Tsize;
        }
        var data = new UnixFsData { Type = UnixFsDataType.Directory, Mode = encodedMode, Mtime = mtime };
        var block = DagPb.Encode(new PbNode(links, data.Encode()));
        var cid = await sink.PutOwnedAsync(block, Multicodec.DagPb, options.CidVersion, ct).ConfigureAwait(false);
        return new FileChild(cid, (ulong)block.Length + tsizes, 0);
    }

    /// <summary>The flat directory's size by the configured strategy (ipfs-unixfs-importer dir-flat.js).</summary>
    internal long EstimateSize(IReadOnlyList<DirectoryChild> children, uint? encodedMode, UnixFsTime? mtime)
    {
        long size = ShardSizeEstimate.Base(options.ShardSplitStrategy, encodedMode, mtime);
        foreach (var child in children)
        {
            if (!child.CountsTowardsShardSize) continue;
            size += ShardSizeEstimate.Link(options.ShardSplitStrategy, Encoding.UTF8.GetByteCount(child.Name), child.Cid.EncodedLength, child.Tsize);
        }
        return size;
    }

    /// <summary>dag-pb link order: by UTF-8 name bytes, stable for equal names.</summary>
    internal static List<DirectoryChild> SortByName(IReadOnlyList<DirectoryChild> children)
    {
        var keyed = new List<(byte[] Key, int Index, DirectoryChild Child)>(children.Count);
        for (int i = 0; i < children.Count; i++) keyed.Add((Encoding.UTF8.GetBytes(children[i].Name), i, children[i]));
        keyed.Sort(static (a, b) =>
        {
            int c = a.Key.AsSpan().SequenceCompareTo(b.Key);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        var sorted = new List<DirectoryChild>(keyed.Count);
        foreach (var k in keyed) sorted.Add(k.Child);
        return sorted;
    }
}
