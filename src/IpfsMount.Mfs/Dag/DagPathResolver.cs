// Resolves a '/'-separated path inside a UnixFS DAG (plain or HAMT directories) to the CID it names.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

internal static class DagPathResolver
{
    /// <summary>The CID and Tsize at <paramref name="path"/> under <paramref name="root"/>, or null when absent.</summary>
    public static async ValueTask<(Cid Cid, ulong Tsize)?> ResolveAsync(DagBlocks blocks, Cid root, string path, CancellationToken ct)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Cid cur = root;
        ulong tsize = 0;
        foreach (var part in parts)
        {
            var node = await blocks.GetAsync(cur, ct).ConfigureAwait(false);
            if (node.Kind != MfsEntryKind.Directory) return null;
            var found = await DirectoryReader.FindAsync(blocks, node, part, ct).ConfigureAwait(false);
            if (found is null) return null;
            (cur, tsize) = found.Value;
        }
        if (parts.Length == 0) tsize = (await blocks.GetAsync(root, ct).ConfigureAwait(false)).Tsize;
        return (cur, tsize);
    }
}
