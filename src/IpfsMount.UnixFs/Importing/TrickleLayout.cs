// Trickle file DAG (`ipfs add --trickle`; go-unixfs importer/trickle, emulated by ipfs-unixfs-importer trickle.js):
// a node holds up to MaxLinks leaves, then LayerRepeat subtrees of depth 1, LayerRepeat of depth 2, and so on;
// the root's depth is unbounded. Leaves are consumed in file order (pre-order).
namespace IpfsMount.UnixFs;

internal sealed class TrickleLayout(ILeafSource leaves, FileNodeBuilder nodes, ImportOptions options, CancellationToken ct)
{
    public async Task<FileChild> BuildAsync()
    {
        var children = await TakeLayerAsync().ConfigureAwait(false);
        for (int depth = 1; await leaves.HasMoreAsync().ConfigureAwait(false); depth++)
            await AddSubtreesAsync(children, depth).ConfigureAwait(false);
        return await nodes.ReduceAsync(children, ct).ConfigureAwait(false);
    }

    private async Task<FileChild> SubtreeAsync(int depth)
    {
        var children = await TakeLayerAsync().ConfigureAwait(false);
        for (int d = 1; d < depth; d++)
            await AddSubtreesAsync(children, d).ConfigureAwait(false);
        return await nodes.ReduceAsync(children, ct).ConfigureAwait(false);
    }

    private async Task AddSubtreesAsync(List<FileChild> children, int depth)
    {
        for (int r = 0; r < options.TrickleLayerRepeat && await leaves.HasMoreAsync().ConfigureAwait(false); r++)
            children.Add(await SubtreeAsync(depth).ConfigureAwait(false));
    }

    private async Task<List<FileChild>> TakeLayerAsync()
    {
        var layer = new List<FileChild>(options.MaxLinks);
        while (layer.Count < options.MaxLinks && await leaves.NextAsync().ConfigureAwait(false) is { } leaf)
            layer.Add(leaf.Child);
        return layer;
    }
}
