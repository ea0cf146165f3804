// Depth-first walk of a DAG through an IBlockStore, visiting each multihash once (shared `seen` set across roots).
namespace IpfsMount.Storage;

using IpfsMount.Core;

internal static class DagWalker
{
    /// <summary>Visits root and its descendants not yet in <paramref name="seen"/>. <paramref name="visit"/> gets each
    /// CID with its parent (default for the root) and returns false to stop the walk early. Missing blocks throw
    /// BlockNotFoundException unless <paramref name="skipMissing"/>; corrupt blocks always throw. Leaves (codecs without
    /// links) are not read unless <paramref name="leaves"/> asks to check (Has) or fetch (Get) them.</summary>
    public static async Task<bool> WalkAsync(IBlockStore store, Cid root, HashSet<Multihash> seen, bool skipMissing,
        Func<Cid, Cid, bool>? visit, CancellationToken ct, LeafCheck leaves = LeafCheck.None)
    {
        var stack = new Stack<(Cid Cid, Cid Parent)>();
        stack.Push((root, default));
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (cid, parent) = stack.Pop();
            if (!seen.Add(cid.Hash))
            {
                continue;
            }

            if (visit is not null && !visit(cid, parent))
            {
                return false;
            }

            if (!DagLinks.CanTraverse(cid.Codec))
            {
                if (leaves == LeafCheck.Has && !await store.HasAsync(cid, ct).ConfigureAwait(false) && !skipMissing)
                {
                    throw new BlockNotFoundException(cid);
                }

                if (leaves == LeafCheck.Get)
                {
                    try
                    {
                        await store.GetAsync(cid, ct).ConfigureAwait(false);
                    }
                    catch (BlockNotFoundException) when (skipMissing)
                    {
                    }
                }

                continue;
            }

            ReadOnlyMemory<byte> data;
            try
            {
                data = await store.GetAsync(cid, ct).ConfigureAwait(false);
            }
            catch (BlockNotFoundException) when (skipMissing)
            {
                continue;
            }

            var links = DagLinks.Extract(cid, data);
            for (var i = links.Count - 1; i >= 0; i--)
            {
                if (!seen.Contains(links[i].Hash))
                {
                    stack.Push((links[i], cid));
                }
            }
        }

        return true;
    }
}

/// <summary>What DagWalker does with blocks that have no links.</summary>
internal enum LeafCheck
{
    None,
    Has,
    Get,
}
