// The version log: commits on flush/close/timer, history and per-path history, diff, rollback, snapshot, prune.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class VersionTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Each_commit_with_changes_appends_one_version_and_an_unchanged_tree_appends_none()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        var v1 = await tree.CommitAsync("empty");
        await tree.WriteAllAsync("/a", B("a"));
        var v2 = await tree.CommitAsync("add a");
        var v2again = await tree.CommitAsync("nothing");
        Assert.Equal(1, v1.Number);
        Assert.Equal(2, v2.Number);
        Assert.Same(v2, v2again);
        Assert.Equal("add a", v2.Message);
        Assert.Equal(2, (await new MfsHistory(tree.Blocks, log).ListAsync()).Count);
    }

    [Fact]
    public async Task Closes_in_a_burst_share_group_commits()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log);
        var handles = new List<MfsFileHandle>();
        for (var i = 0; i < 50; i++)
        {
            var h = await tree.OpenAsync($"/f{i}", MfsOpenFlags.Write | MfsOpenFlags.Create);
            await h.WriteAsync(0, B("x"));
            handles.Add(h);
        }
        foreach (var h in handles) await h.DisposeAsync(); // no tree lock needed: the closes outrun the commit
        await tree.WhenCloseCommitsDoneAsync();
        Assert.InRange((await log.LatestAsync())!.Number, 1, 49); // one version per close would be 50
        Assert.False(tree.IsDirty);
        Assert.Equal((await tree.StatAsync("/")).Cid, (await log.LatestAsync())!.Root);
    }

    [Fact]
    public async Task Closing_the_last_handle_of_a_changed_file_commits()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log);
        var h1 = await tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Create);
        var h2 = await tree.OpenAsync("/f", MfsOpenFlags.Read);
        await h1.WriteAsync(0, B("x"));
        await h1.DisposeAsync();
        Assert.Null(await log.LatestAsync());
        await h2.DisposeAsync();
        await tree.WhenCloseCommitsDoneAsync(); // the close only queues the (group) commit
        var v = await log.LatestAsync();
        Assert.NotNull(v);
        Assert.Equal((await tree.StatAsync("/")).Cid, v.Root);
    }

    [Fact]
    public async Task Fsync_commits_immediately()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log);
        await using var h = await tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Create);
        await h.WriteAsync(0, B("synced"));
        await h.FlushAsync();
        var v = await log.LatestAsync();
        Assert.NotNull(v);
        var fresh = await MfsTree.OpenAsync(tree.Blocks, log, new MfsOptions { AutoCommitInterval = null });
        Assert.Equal("synced", Encoding.UTF8.GetString(await fresh.ReadAllAsync("/f")));
    }

    [Fact]
    public async Task A_new_tree_that_is_still_empty_is_not_dirty_and_a_named_checkpoint_is_always_recorded()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        Assert.False(tree.IsDirty);
        await tree.MkdirAsync("/d");
        Assert.True(tree.IsDirty);
        await tree.RmdirAsync("/d");
        Assert.False(tree.IsDirty); // nothing to record: no version was ever made and the tree is empty again
        await tree.ChangeCidAsync("/", 1, null);
        Assert.True(tree.IsDirty);   // the root's own CID changes
        var v1 = await tree.CommitAsync("cidv1 root");
        Assert.Equal(1, v1.Number);
        Assert.Same(v1, await tree.CommitAsync("unchanged"));
        var checkpoint = await tree.CommitAsync("checkpoint", force: true);
        Assert.Equal((2L, v1.Root, "checkpoint"), (checkpoint.Number, checkpoint.Root, checkpoint.Message));
    }

    [Fact]
    public async Task The_timer_commits_a_dirty_tree_after_the_interval()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, autoCommit: TimeSpan.FromMilliseconds(200), commitOnClose: false);
        await tree.MkdirAsync("/dir");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await log.LatestAsync() is null && DateTime.UtcNow < deadline) await Task.Delay(50);
        var v = await log.LatestAsync();
        Assert.NotNull(v);
        Assert.Equal("auto-commit", v.Message);
        Assert.False(tree.IsDirty);
    }

    [Fact]
    public async Task Path_history_lists_the_versions_where_that_path_changed()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        await tree.WriteAllAsync("/other", B("o"));
        await tree.CommitAsync();                         // 1: no /f
        await tree.WriteAllAsync("/f", B("one"));
        await tree.CommitAsync();                         // 2: /f created
        await tree.WriteAllAsync("/other", B("o2"));
        await tree.CommitAsync();                         // 3: /f unchanged
        await tree.WriteAllAsync("/f", B("two"));
        await tree.CommitAsync();                         // 4: /f changed
        await tree.UnlinkAsync("/f");
        await tree.CommitAsync();                         // 5: /f removed
        var hist = await new MfsHistory(tree.Blocks, log).PathHistoryAsync("/f");
        Assert.Equal([2L, 4L, 5L], hist.Select(h => h.Version.Number));
        Assert.Null(hist[^1].Cid);
    }

    [Fact]
    public async Task Diff_reports_added_removed_and_modified_paths()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        await tree.MkdirAsync("/d/e", parents: true);
        await tree.WriteAllAsync("/d/e/keep", B("k"));
        await tree.WriteAllAsync("/d/change", B("1"));
        await tree.WriteAllAsync("/gone", B("g"));
        var a = await tree.CommitAsync();
        await tree.WriteAllAsync("/d/change", B("2"));
        await tree.UnlinkAsync("/gone");
        await tree.MkdirAsync("/new");
        await tree.WriteAllAsync("/new/file", B("n"));
        var b = await tree.CommitAsync();
        var history = new MfsHistory(tree.Blocks, log);
        var diff = await history.DiffAsync(a.Root, b.Root);
        Assert.Equal(
            ["Modified /d/change", "Removed /gone", "Added /new"],
            diff.Select(c => $"{c.Kind} {c.Path}"));
        Assert.Equal(await history.ResolveRefAsync("1"), a.Root);
        Assert.Equal(await history.ResolveRefAsync(b.Root.ToString()), b.Root);
    }

    [Fact]
    public async Task Rollback_restores_an_old_tree_as_a_new_version_and_then_diff_shows_nothing()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        await tree.WriteAllAsync("/a", B("first"));
        var v1 = await tree.CommitAsync();
        await tree.WriteAllAsync("/a", B("second"));
        await tree.MkdirAsync("/later");
        var v2 = await tree.CommitAsync();
        await tree.WriteAllAsync("/uncommitted", B("u"));

        var v4 = await tree.RollbackAsync(v1.Number);
        Assert.Equal(4, v4.Number); // 3 = the pending change, committed before rolling back
        Assert.Equal(v1.Root, v4.Root);
        Assert.Equal("first", Encoding.UTF8.GetString(await tree.ReadAllAsync("/a")));
        var history = new MfsHistory(tree.Blocks, log);
        Assert.Empty(await history.DiffAsync(v1.Root, (await tree.StatAsync("/")).Cid));

        var undo = await tree.RollbackAsync(3);
        Assert.Equal("u", Encoding.UTF8.GetString(await tree.ReadAllAsync("/uncommitted")));
        Assert.Equal(5, undo.Number);
        await Assert.ThrowsAsync<MfsException>(() => tree.RollbackAsync(99));
        Assert.NotEqual(v2.Root, undo.Root);
    }

    [Fact]
    public async Task Rollback_to_a_cid_that_is_not_a_directory_is_refused()
    {
        await using var tree = await Trees.NewAsync();
        await tree.WriteAllAsync("/f", B("file"));
        var fileCid = (await tree.StatAsync("/f")).Cid;
        var ex = await Assert.ThrowsAsync<MfsException>(() => tree.RollbackAsync(fileCid));
        Assert.Equal(MfsErrorKind.NotADirectory, ex.Kind);
    }

    [Fact]
    public async Task Snapshot_returns_the_path_cid_at_a_new_version_and_pins_it()
    {
        var pins = new List<(Cid, string)>();
        var log = new MemoryMfsVersionLog();
        await using var tree = await MfsTree.OpenAsync(new MemoryBlockStore(), log, new MfsOptions
        {
            AutoCommitInterval = null,
            Pin = (cid, label, _) => { pins.Add((cid, label)); return ValueTask.CompletedTask; },
        });
        await tree.MkdirAsync("/proj/src", parents: true);
        await tree.WriteAllAsync("/proj/src/main.c", B("int main(){}"));
        var snap = await tree.SnapshotAsync("/proj");
        Assert.Equal((await tree.StatAsync("/proj")).Cid, snap.Cid);
        Assert.True(snap.Pinned);
        Assert.Equal(snap.Cid, Assert.Single(pins).Item1);
        Assert.Equal((await log.LatestAsync())!.Number, snap.Version);
    }

    [Fact]
    public async Task Prune_keeps_the_newest_versions_and_never_the_current_one()
    {
        var log = new MemoryMfsVersionLog();
        await using var tree = await Trees.NewAsync(log: log, commitOnClose: false);
        for (int i = 0; i < 6; i++)
        {
            await tree.WriteAllAsync("/f", B("v" + i));
            await tree.CommitAsync();
        }
        var history = new MfsHistory(tree.Blocks, log);
        Assert.Equal(4, await history.PruneAsync(new MfsPruneRule(2, null)));
        Assert.Equal([5L, 6L], (await history.ListAsync()).Select(v => v.Number));
        Assert.Equal(1, await history.PruneAsync(new MfsPruneRule(null, DateTimeOffset.UtcNow.AddDays(1))));
        Assert.Equal([6L], (await history.ListAsync()).Select(v => v.Number));
        await Assert.ThrowsAsync<MfsException>(() => history.PruneAsync(new MfsPruneRule(null, null)).AsTask());
    }
}
