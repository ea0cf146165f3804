// Builds the interior nodes of a UnixFS file DAG (ipfs/specs UNIXFS.md "File"): dag-pb links with empty names and
// cumulative Tsize, UnixFS{File, filesize, blocksizes} — byte-identical to ipfs-unixfs-importer's reducer.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

internal sealed class FileNodeBuilder(BlockSink sink, ImportOptions options, uint? mode, UnixFsTime? mtime)
{
    private readonly uint? _mode = MetadataPolicy.EncodedMode(mode, isDirectory: false);
    private readonly bool _hasMetadata = mode is not null || mtime is not null;

    /// <summary>Whether a lone leaf must be rewritten to carry metadata (so the pipeline keeps its bytes).</summary>
    public bool NeedsFirstChunk => _hasMetadata && options.ReduceSingleLeafToSelf;

    /// <summary>
    /// The whole file is one leaf. Without metadata the leaf is the file. With metadata it becomes
    /// UnixFS{File, Data: chunk, filesize, mode, mtime} (the spec block; the JS importer's CIDv0 variant of this
    /// case wraps the encoded leaf instead, which is a bug we do not reproduce).
    /// </summary>
    public async ValueTask<FileChild> SingleLeafAsync(LeafResult leaf, CancellationToken ct)
    {
        if (!_hasMetadata) return leaf.Child;
        var chunk = leaf.FirstChunk ?? throw new InvalidOperationException("the first chunk was not kept");
        var data = new UnixFsData
        {
            Type = UnixFsDataType.File, Data = chunk, FileSize = (ulong)chunk.Length, Mode = _mode, Mtime = mtime,
        };
        var block = DagPb.Encode(new PbNode([], data.Encode()));
        var cid = await sink.PutOwnedAsync(block, Multicodec.DagPb, options.CidVersion, ct).ConfigureAwait(false);
        return new FileChild(cid, (ulong)block.Length, (ulong)chunk.Length);
    }

    /// <summary>A parent node over <paramref name="children"/> (empty children are left out, as the JS importer does).</summary>
    public async ValueTask<FileChild> ReduceAsync(IReadOnlyList<FileChild> children, CancellationToken ct)
    {
        var links = new List<PbLink>(children.Count);
        var sizes = new List<ulong>(children.Count);
        ulong fileSize = 0, tsizes = 0;
        foreach (var child in children)
        {
            if (child.ContentSize == 0) continue;
            links.Add(new PbLink(child.Cid, "", child.Tsize));
            sizes.Add(child.ContentSize);
            fileSize += child.ContentSize;
            tsizes += child.Tsize;
        }
        var data = new UnixFsData
        {
            Type = UnixFsDataType.File, FileSize = fileSize, BlockSizes = sizes, Mode = _mode, Mtime = mtime,
        };
        var block = DagPb.Encode(new PbNode(links, data.Encode()));
        var cid = await sink.PutOwnedAsync(block, Multicodec.DagPb, options.CidVersion, ct).ConfigureAwait(false);
        return new FileChild(cid, (ulong)block.Length + tsizes, fileSize);
    }
}
