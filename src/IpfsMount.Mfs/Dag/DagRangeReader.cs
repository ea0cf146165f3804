// Reads a byte range of any UnixFS file DAG (balanced, trickle, inline data, raw or dag-pb leaves)
// by walking blocksizes from the root (UnixFS spec "File" nodes). Used for files not in the MFS layout.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

internal static class DagRangeReader
{
    /// <summary>Fills <paramref name="dest"/> with the bytes at <paramref name="offset"/>; returns bytes read.</summary>
    public static async ValueTask<int> ReadAsync(DagBlocks blocks, Cid root, long offset, Memory<byte> dest, CancellationToken ct)
    {
        var node = await blocks.GetAsync(root, ct).ConfigureAwait(false);
        return await ReadNodeAsync(blocks, node, offset, dest, ct).ConfigureAwait(false);
    }

    private static async ValueTask<int> ReadNodeAsync(DagBlocks blocks, DecodedNode node, long offset, Memory<byte> dest, CancellationToken ct)
    {
        if (node.IsRaw) return CopyFrom(node.Bytes.Span, offset, dest.Span);
        var fs = node.UnixFs!;
        if (fs.Type is not (UnixFsDataType.File or UnixFsDataType.Raw))
            throw new MfsException(MfsErrorKind.InvalidData, $"{node.Cid}: expected a UnixFS file node, found {fs.Type}");
        int written = 0;
        long pos = 0;
        if (!fs.Data.IsEmpty)
        {
            if (offset < fs.Data.Length) written += CopyFrom(fs.Data.Span, offset, dest.Span);
            pos = fs.Data.Length;
        }
        var links = node.Links;
        if (links.Count != 0 && fs.BlockSizes.Count != links.Count)
            throw new MfsException(MfsErrorKind.InvalidData,
                $"{node.Cid}: {links.Count} links but {fs.BlockSizes.Count} blocksizes");
        for (int i = 0; i < links.Count && written < dest.Length; i++)
        {
            long size = (long)fs.BlockSizes[i];
            long start = offset + written;
            if (start < pos + size)
            {
                var child = await blocks.GetAsync(links[i].Hash, ct).ConfigureAwait(false);
                int n = await ReadNodeAsync(blocks, child, start - pos, dest[written..], ct).ConfigureAwait(false);
                written += n;
                if (n == 0) break;
            }
            pos += size;
        }
        return written;
    }

    private static int CopyFrom(ReadOnlySpan<byte> src, long offset, Span<byte> dest)
    {
        if (offset >= src.Length) return 0;
        int n = (int)Math.Min(src.Length - offset, dest.Length);
        src.Slice((int)offset, n).CopyTo(dest);
        return n;
    }
}
