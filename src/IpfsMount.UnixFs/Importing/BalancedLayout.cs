// Balanced file DAG (Kubo's default layout, ipfs-unixfs-importer balanced.js): leaves are grouped MaxLinks at a time
// into parents, level by level, until one root remains. Built incrementally so memory is O(depth × MaxLinks).
namespace IpfsMount.UnixFs;

internal static class BalancedLayout
{
    public static async Task<FileChild> BuildAsync(ILeafSource leaves, FileNodeBuilder nodes, ImportOptions options,
        CancellationToken ct)
    {
        var first = await leaves.NextAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException("the leaf pipeline produced no leaf");
        if (!await leaves.HasMoreAsync().ConfigureAwait(false))
        {
            return options.ReduceSingleLeafToSelf
                ? await nodes.SingleLeafAsync(first, ct).ConfigureAwait(false)
                : await nodes.ReduceAsync([first.Child], ct).ConfigureAwait(false);
        }
        var levels = new List<List<FileChild>> { new(options.MaxLinks) };
        await AddAsync(levels, 0, first.Child, nodes, options.MaxLinks, ct).ConfigureAwait(false);
        while (await leaves.NextAsync().ConfigureAwait(false) is { } leaf)
            await AddAsync(levels, 0, leaf.Child, nodes, options.MaxLinks, ct).ConfigureAwait(false);

        for (int i = 0; ; i++)
        {
            var level = levels[i];
            bool top = i == levels.Count - 1;
            if (top && level.Count == 1) return level[0];
            if (level.Count == 0) continue;
            var node = await nodes.ReduceAsync(level, ct).ConfigureAwait(false);
            level.Clear();
            if (top) levels.Add(new List<FileChild>(options.MaxLinks));
            levels[i + 1].Add(node);
        }
    }

    private static async ValueTask AddAsync(List<List<FileChild>> levels, int i, FileChild child, FileNodeBuilder nodes,
        int maxLinks, CancellationToken ct)
    {
        while (true)
        {
            levels[i].Add(child);
            if (levels[i].Count < maxLinks) return;
            child = await nodes.ReduceAsync(levels[i], ct).ConfigureAwait(false);
            levels[i].Clear();
            if (i + 1 == levels.Count) levels.Add(new List<FileChild>(maxLinks));
            i++;
        }
    }
}
