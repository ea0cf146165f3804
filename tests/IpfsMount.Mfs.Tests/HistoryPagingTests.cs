// history paging (--limit/--offset read only the newest records; a path's history stops at its page) and the
// streamed diff (changes come out in path order as they are found).
using System.Runtime.CompilerServices;
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class HistoryPagingTests
{
    [Fact]
    public async Task A_page_of_history_is_a_slice_of_the_whole_and_reads_only_limit_plus_offset_versions()
    {
        var log = new CountingLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        for (int i = 0; i < 30; i++)
        {
            await tree.MkdirAsync($"/d{i}");
            await tree.CommitAsync();
        }
        var history = new MfsHistory(tree.Blocks, log);
        var all = await history.ListAsync();
        log.Reset();
        Assert.Equal(all.Skip(22).Take(5), await history.ListAsync(5, 3));
        Assert.Equal(8, log.Read);
        Assert.Equal(0, log.FullLists);
        Assert.Equal(all.Skip(25), await history.ListAsync(5));
        Assert.Equal(all, await history.ListAsync(null));
        Assert.Equal(all.Take(4), await history.ListAsync(null, 26));
        Assert.Empty(await history.ListAsync(3, 30));
        Assert.Empty(await history.ListAsync(0, 0));
        Assert.Equal(MfsErrorKind.InvalidArgument, (await Assert.ThrowsAsync<MfsException>(() => history.ListAsync(1, -1))).Kind);
    }

    [Fact]
    public async Task A_page_of_a_paths_history_equals_the_slice_and_stops_walking_the_log_early()
    {
        var log = new CountingLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        for (int i = 0; i < 40; i++)
        {
            if (i % 4 == 0) await tree.WriteAllAsync("/f", Encoding.UTF8.GetBytes($"v{i}"));
            else await tree.MkdirAsync($"/other{i}");
            if (i == 21) await tree.UnlinkAsync("/f");
            await tree.CommitAsync();
        }
        var history = new MfsHistory(tree.Blocks, log);
        var all = await history.PathHistoryAsync("/f");
        Assert.Equal(11, all.Count); // 10 writes and the removal in between
        Assert.Contains(all, c => c.Cid is null);
        for (int offset = 0; offset <= all.Count; offset++)
            for (int limit = 0; limit <= 3; limit++)
                Assert.Equal(all.SkipLast(offset).TakeLast(limit), await history.PathHistoryAsync("/f", limit, offset));
        Assert.Equal(all.Take(2), await history.PathHistoryAsync("/f", null, all.Count - 2));

        log.Reset();
        Assert.Equal(all.TakeLast(2), await history.PathHistoryAsync("/f", 2));
        Assert.InRange(log.Read, 8, 9); // the newest two changes lie within the newest 9 versions of 40
    }

    [Fact]
    public async Task The_streamed_diff_comes_in_path_order_and_yields_its_first_change_before_reading_everything()
    {
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var tree = await Trees.NewAsync(store, commitOnClose: false);
        string[] names = ["a", "a-b", "a.c", "a0", "b", "Z", "é", .. Enumerable.Range(0, 20).Select(i => $"n{i:D2}")];
        foreach (var n in names)
        {
            await tree.MkdirAsync($"/{n}/inner", parents: true);
            await tree.WriteAllAsync($"/{n}/x", new byte[] { 1 });
            await tree.WriteAllAsync($"/{n}/inner/y", new byte[] { 2 });
        }
        var before = await tree.CommitAsync();
        foreach (var n in names)
        {
            await tree.WriteAllAsync($"/{n}/x", new byte[] { 3 });
            await tree.WriteAllAsync($"/{n}/inner/new", new byte[] { 4 });
            await tree.UnlinkAsync($"/{n}/inner/y");
        }
        await tree.WriteAllAsync("/a-new", new byte[] { 5 });
        await tree.ChmodAsync("/b/inner", Convert.ToUInt32("700", 8)); // a directory whose entries changed too: no own line
        await tree.ChmodAsync("/n05/inner/new", Convert.ToUInt32("600", 8));
        await tree.MkdirAsync("/meta");
        await tree.ChmodAsync("/Z", Convert.ToUInt32("700", 8));
        var after = await tree.CommitAsync();

        var history = new MfsHistory(tree.Blocks, new MemoryMfsVersionLog());
        var streamed = new List<MfsChange>();
        await foreach (var c in history.DiffStreamAsync(before.Root, after.Root)) streamed.Add(c);
        Assert.Equal(streamed.Select(c => c.Path).Order(StringComparer.Ordinal), streamed.Select(c => c.Path));
        Assert.Equal(names.Length * 3 + 2, streamed.Count);
        Assert.Contains(new MfsChange(MfsChangeKind.Added, "/a-new", null, (await tree.StatAsync("/a-new")).Cid), streamed);
        Assert.Contains(streamed, c => c is { Kind: MfsChangeKind.Removed, Path: "/a.c/inner/y" });
        Assert.Equal(streamed, await history.DiffAsync(before.Root, after.Root));

        var gets = new CountingBlockStore(tree.Blocks);
        var first = new MfsHistory(gets, new MemoryMfsVersionLog());
        await foreach (var c in first.DiffStreamAsync(before.Root, after.Root))
        {
            Assert.Equal(streamed[0], c);
            break;
        }
        int firstGets = gets.Gets;
        gets.Reset();
        await first.DiffAsync(before.Root, after.Root);
        Assert.True(firstGets < gets.Gets / 2, $"{firstGets} block reads for the first change, {gets.Gets} for all");
    }

    /// <summary>Counts versions handed out newest first and whole-log listings.</summary>
    private sealed class CountingLog : IMfsVersionLog
    {
        private readonly MemoryMfsVersionLog _inner = new();
        public int Read { get; private set; }
        public int FullLists { get; private set; }

        public void Reset() => (Read, FullLists) = (0, 0);

        public ValueTask<MfsVersion?> LatestAsync(CancellationToken ct = default) => _inner.LatestAsync(ct);
        public ValueTask<MfsVersion?> GetAsync(long number, CancellationToken ct = default) => _inner.GetAsync(number, ct);
        public ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, CancellationToken ct = default) =>
            _inner.AppendAsync(root, time, message, ct);

        public IAsyncEnumerable<MfsVersion> ListAsync(CancellationToken ct = default)
        {
            FullLists++;
            return _inner.ListAsync(ct);
        }

        public async IAsyncEnumerable<MfsVersion> ListNewestFirstAsync(int? count, [EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var v in _inner.ListNewestFirstAsync(count, ct))
            {
                Read++;
                yield return v;
            }
        }

        public ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default) => _inner.PruneAsync(rule, ct);
        public ValueTask SetWorkingRootAsync(Cid root, CancellationToken ct = default) => _inner.SetWorkingRootAsync(root, ct);
    }
}
