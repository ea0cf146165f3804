// Which commits are fsynced: the group commit after a last close is not (a burst of closes shares one, after
// MfsOptions.CloseCommitDelay); fsync, `files flush`, the timer and dispose are, and make earlier versions durable too.
using System.Runtime.CompilerServices;
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class CommitDurabilityTests
{
    [Fact]
    public async Task Sequential_create_write_close_of_many_files_within_the_delay_makes_one_version()
    {
        var log = new RecordingLog();
        await using var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), log,
            new MfsOptions { AutoCommitInterval = null, CloseCommitDelay = TimeSpan.FromSeconds(3) });
        for (int i = 0; i < 100; i++) await tree.WriteAllAsync($"/f{i}", Encoding.UTF8.GetBytes($"file {i}")); // tar x: one file at a time
        await tree.WhenCloseCommitsDoneAsync();
        var version = Assert.Single(log.Appends);
        Assert.False(version.Durable);
        Assert.Equal((await tree.StatAsync("/")).Cid, version.Root);
        Assert.Equal(100, (await tree.ListAsync("/")).Count);
    }

    [Fact]
    public async Task A_close_commit_is_not_fsynced_and_a_later_fsync_with_no_change_makes_it_durable()
    {
        var log = new RecordingLog();
        await using var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), log,
            new MfsOptions { AutoCommitInterval = null, CloseCommitDelay = TimeSpan.Zero });
        await tree.WriteAllAsync("/a", "a"u8.ToArray());
        await tree.WhenCloseCommitsDoneAsync();
        Assert.Equal([false], log.Appends.Select(a => a.Durable));
        Assert.Empty(log.WorkingRoots);

        var head = await tree.CommitAsync(); // fsync / files flush with nothing new: no version, but a synced write
        Assert.Equal(1, head.Number);
        Assert.Equal([head.Root], log.WorkingRoots);
        await tree.CommitAsync();
        Assert.Single(log.WorkingRoots); // already durable: nothing more to write

        await using (var h = await tree.OpenAsync("/a", MfsOpenFlags.Write))
        {
            await h.WriteAsync(1, "b"u8.ToArray());
            await h.FlushAsync(); // fsync commits a durable version at once
        }
        await tree.WhenCloseCommitsDoneAsync();
        Assert.Equal([false, true], log.Appends.Select(a => a.Durable));
    }

    [Fact]
    public async Task A_commit_writes_no_working_root_the_version_itself_records_the_root()
    {
        var log = new RecordingLog();
        await using var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), log, new MfsOptions { AutoCommitInterval = null });
        await tree.MkdirAsync("/d");
        await tree.CommitAsync();
        Assert.Empty(log.WorkingRoots); // one synced write per commit, not two
        await tree.MkdirAsync("/e");
        var stat = await tree.StatAsync("/"); // a flush without a version still protects its blocks from GC
        Assert.Equal([stat.Cid], log.WorkingRoots);
    }

    [Fact]
    public async Task The_timer_and_dispose_make_versions_committed_after_a_close_durable()
    {
        var log = new RecordingLog();
        // The timer's period is long next to the immediate close commit, so a loaded machine cannot let the timer
        // commit the change first (it would then be a durable version, not a working root).
        var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), log,
            new MfsOptions { AutoCommitInterval = TimeSpan.FromSeconds(1), CloseCommitDelay = TimeSpan.Zero });
        try
        {
            await tree.WriteAllAsync("/a", "a"u8.ToArray());
            await tree.WhenCloseCommitsDoneAsync();
            Assert.Equal([false], log.Appends.Select(a => a.Durable));
            for (int i = 0; i < 300 && log.WorkingRoots.Count == 0; i++) await Task.Delay(50);
            Assert.Equal([tree.Head!.Root], log.WorkingRoots); // the timer's synced write, no new version
            Assert.Single(log.Appends);
        }
        finally { await tree.DisposeAsync(); }

        var log2 = new RecordingLog();
        await using (var tree2 = await MfsTree.OpenAsync(new MemoryBlockStore(), log2,
            new MfsOptions { AutoCommitInterval = null, CloseCommitDelay = TimeSpan.Zero }))
        {
            await tree2.WriteAllAsync("/b", "b"u8.ToArray());
            await tree2.WhenCloseCommitsDoneAsync();
            Assert.Empty(log2.WorkingRoots);
        }
        Assert.Single(log2.WorkingRoots); // dispose synced it
    }

    /// <summary>A memory log that records each append's durability and each working-root write.</summary>
    private sealed class RecordingLog : IMfsVersionLog
    {
        private readonly MemoryMfsVersionLog _inner = new();
        public List<(Cid Root, bool Durable)> Appends { get; } = [];
        public List<Cid> WorkingRoots { get; } = [];

        public ValueTask<MfsVersion?> LatestAsync(CancellationToken ct = default) => _inner.LatestAsync(ct);
        public ValueTask<MfsVersion?> GetAsync(long number, CancellationToken ct = default) => _inner.GetAsync(number, ct);

        public ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, CancellationToken ct = default) =>
            AppendAsync(root, time, message, durable: true, ct);

        public ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, bool durable, CancellationToken ct = default)
        {
            lock (Appends) Appends.Add((root, durable));
            return _inner.AppendAsync(root, time, message, ct);
        }

        public async IAsyncEnumerable<MfsVersion> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var v in _inner.ListAsync(ct)) yield return v;
        }

        public ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default) => _inner.PruneAsync(rule, ct);

        public ValueTask SetWorkingRootAsync(Cid root, CancellationToken ct = default)
        {
            lock (WorkingRoots) WorkingRoots.Add(root);
            return _inner.SetWorkingRootAsync(root, ct);
        }
    }
}
