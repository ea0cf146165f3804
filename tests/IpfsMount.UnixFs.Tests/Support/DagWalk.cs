// Test helper: walks a DAG from its root (dag-pb links; raw blocks are leaves) and counts distinct blocks.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

internal static class DagWalk
{
    public static async Task<int> CountBlocksAsync(IBlockStore store, Cid root)
    {
        var seen = new HashSet<Cid>();
        var stack = new Stack<Cid>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var cid = stack.Pop();
            if (!seen.Add(cid)) continue;
            var block = await store.GetAsync(cid);
            if (cid.Codec != Multicodec.DagPb) continue;
            foreach (var link in DagPb.Decode(block).Links) stack.Push(link.Hash);
        }
        return seen.Count;
    }
}
