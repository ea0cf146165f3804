// Walks the internal nodes of an existing UnixFS file DAG (not its leaves) to list its leaves, and tells
// whether it already has the MFS layout (fixed-size leaves, balanced shape) so its blocks can be reused.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

internal sealed record FileDagLoad(
    long Length,
    List<(Cid Cid, ulong Tsize)>? Leaves,
    Dictionary<(int Level, long Index), CachedNode> Nodes,
    bool SingleNodeWithMetadata);

internal static class FileDagLoader
{
    /// <summary>Leaves is null when the DAG is not chunked like the layout (it must then be re-chunked).</summary>
    public static async ValueTask<FileDagLoad> LoadAsync(DagBlocks blocks, Cid root, CancellationToken ct)
    {
        int chunk = blocks.Layout.ChunkSize;
        var node = await blocks.GetAsync(root, ct).ConfigureAwait(false);
        long length = node.FileSize;
        var nodes = new Dictionary<(int, long), CachedNode>();
        if (node.Links.Count == 0)
        {
            bool aligned = length <= chunk;
            bool meta = !node.IsRaw && (node.UnixFs!.Mode is not null || node.UnixFs.Mtime is not null);
            List<(Cid, ulong)>? single = length == 0 ? [] : [(root, node.Tsize)];
            return new FileDagLoad(length, aligned ? single : null, nodes, meta && length > 0);
        }
        if (!node.UnixFs!.Data.IsEmpty) return new FileDagLoad(length, null, nodes, false);

        var leaves = new List<(Cid, ulong)>();
        var leafSizes = new List<long>();
        var internals = new List<(int Level, int FirstLeaf, int LeafCount, Cid Cid, ulong Tsize, int Children)>();
        int? height = await WalkAsync(blocks, node, node.Tsize, leaves, leafSizes, internals, chunk, ct).ConfigureAwait(false);
        for (int i = 0; i < leafSizes.Count; i++)
        {
            bool last = i == leafSizes.Count - 1;
            if (last ? leafSizes[i] is <= 0 or > int.MaxValue || leafSizes[i] > chunk : leafSizes[i] != chunk)
                return new FileDagLoad(length, null, nodes, false);
        }
        if (height is { } h && IsBalanced(h, leaves.Count, blocks.Layout.MaxLinks, internals))
            foreach (var n in internals)
                if (n.Level < h)
                    nodes[(n.Level, n.FirstLeaf / Capacity(n.Level, blocks.Layout.MaxLinks))] = new CachedNode(n.Cid, n.Tsize, n.LeafCount);
        return new FileDagLoad(length, leaves, nodes, false);
    }

    /// <summary>Returns the height of the subtree when all its leaves are at the same depth, else null.</summary>
    private static async ValueTask<int?> WalkAsync(
        DagBlocks blocks, DecodedNode node, ulong tsize, List<(Cid, ulong)> leaves, List<long> leafSizes,
        List<(int, int, int, Cid, ulong, int)> internals, int chunk, CancellationToken ct)
    {
        var fs = node.UnixFs!;
        if (!fs.Data.IsEmpty || fs.BlockSizes.Count != node.Links.Count)
            throw new MfsException(MfsErrorKind.InvalidData,
                $"{node.Cid}: file node with inline data and links, or blocksizes not matching links (not reusable)");
        int first = leaves.Count;
        int? height = null;
        bool uniform = true;
        for (int i = 0; i < node.Links.Count; i++)
        {
            var link = node.Links[i];
            long size = (long)fs.BlockSizes[i];
            int? childHeight;
            // A child covering at most one chunk is a leaf, except on the right edge, where a short
            // subtree (an internal node over the last partial leaf) must be fetched to tell.
            if (link.Hash.Codec == Multicodec.Raw || (size <= chunk && i < node.Links.Count - 1))
            {
                leaves.Add((link.Hash, link.Tsize ?? (ulong)size));
                leafSizes.Add(size);
                childHeight = 0;
            }
            else
            {
                var child = await blocks.GetAsync(link.Hash, ct).ConfigureAwait(false);
                if (child.IsRaw || child.Links.Count == 0 || !child.UnixFs!.Data.IsEmpty)
                {
                    leaves.Add((link.Hash, link.Tsize ?? child.Tsize));
                    leafSizes.Add(size);
                    childHeight = 0;
                }
                else
                    childHeight = await WalkAsync(blocks, child, link.Tsize ?? child.Tsize, leaves, leafSizes, internals, chunk, ct)
                        .ConfigureAwait(false);
            }
            if (childHeight is null || (height is not null && height != childHeight)) uniform = false;
            height ??= childHeight;
        }
        if (!uniform || height is null) return null;
        internals.Add((height.Value + 1, first, leaves.Count - first, node.Cid, tsize, node.Links.Count));
        return height + 1;
    }

    private static bool IsBalanced(int height, int leafCount, int fanout, List<(int Level, int FirstLeaf, int LeafCount, Cid Cid, ulong Tsize, int Children)> internals)
    {
        if (height < 1 || Capacity(height - 1, fanout) >= leafCount) return false;
        foreach (var n in internals)
        {
            long cap = Capacity(n.Level, fanout);
            long below = Capacity(n.Level - 1, fanout);
            if (n.FirstLeaf % cap != 0) return false;
            if (n.LeafCount != Math.Min(cap, leafCount - n.FirstLeaf)) return false;
            if (n.Children != (n.LeafCount + below - 1) / below) return false;
        }
        return true;
    }

    private static long Capacity(int level, int fanout)
    {
        long c = 1;
        for (int l = 0; l < level; l++)
        {
            c *= fanout;
            if (c > int.MaxValue) return long.MaxValue;
        }
        return c;
    }
}
