// The balanced DAG above an MFS file's leaves (UnixFS spec "File", Kubo balanced layout): internal nodes are
// rebuilt at flush only where leaves changed; unchanged subtrees reuse their cached blocks.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

internal sealed partial class FileContent
{
    private int Height()
    {
        int h = 1;
        while (Capacity(h) < _leaves.Count) h++;
        return h;
    }

    private long Capacity(int level)
    {
        long c = 1;
        for (int l = 0; l < level; l++)
        {
            c *= _fanout;
            if (c > int.MaxValue) return long.MaxValue;
        }
        return c;
    }

    private int LeafCountUnder(int level, long index)
    {
        long cap = Capacity(level);
        long start = index * cap;
        return (int)Math.Min(cap, _leaves.Count - start);
    }

    private int ChildCount(int level, long index)
    {
        long below = Capacity(level - 1);
        return (int)((LeafCountUnder(level, index) + below - 1) / below);
    }

    private async ValueTask<EncodedBlock> BuildNodeAsync(int level, long index, bool isRoot, CancellationToken ct)
    {
        int leafCount = LeafCountUnder(level, index);
        if (!isRoot && _nodes.TryGetValue((level, index), out var cached) && cached.LeafCount == leafCount)
            return new EncodedBlock(cached.Cid, default, cached.Tsize);
        int children = ChildCount(level, index);
        var links = new List<PbLink>(children);
        var blockSizes = new List<ulong>(children);
        ulong total = 0;
        for (int c = 0; c < children; c++)
        {
            long childIndex = index * _fanout + c;
            Cid cid;
            ulong tsize, bytes;
            if (level == 1)
            {
                var leaf = _leaves[(int)childIndex];
                (cid, tsize, bytes) = (leaf.Cid!.Value, leaf.Tsize, (ulong)LeafSize((int)childIndex));
            }
            else
            {
                var child = await BuildNodeAsync(level - 1, childIndex, isRoot: false, ct).ConfigureAwait(false);
                long start = childIndex * Capacity(level - 1) * _chunk;
                (cid, tsize, bytes) = (child.Cid, child.Tsize, (ulong)(Math.Min(Length, start + Capacity(level - 1) * _chunk) - start));
            }
            links.Add(new PbLink(cid, "", tsize));
            blockSizes.Add(bytes);
            total += bytes;
        }
        var data = new UnixFsData
        {
            Type = UnixFsDataType.File,
            FileSize = total,
            BlockSizes = blockSizes,
            Mode = isRoot ? DagBlocks.OmitDefault(Mode, DagBlocks.DefaultFileMode) : null,
            Mtime = isRoot ? Mtime?.ToUnixFs() : null,
        };
        var block = _blocks.PbBlock(data, links);
        if (!isRoot)
        {
            await _blocks.PutAsync(block, ct).ConfigureAwait(false);
            BlocksWritten++;
            _nodes[(level, index)] = new CachedNode(block.Cid, block.Tsize, leafCount);
        }
        return block;
    }
}
