// The MFS root and version log: commits append, the current root moves, everything survives a reopen.
namespace IpfsMount.Storage.Tests;

public sealed class MfsRootStoreTests
{
    [Fact]
    public void Commits_append_numbered_versions_and_move_the_current_root()
    {
        using var dir = new TempRepo();
        var r1 = TestDag.Raw("one").Cid;
        var r2 = TestDag.Raw("two").Cid;
        var r3 = TestDag.Raw("three").Cid;
        var t = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using (var repo = dir.Init())
        {
            Assert.Null(repo.MfsRoots.CurrentRoot);
            Assert.Null(repo.MfsRoots.Latest);
            Assert.Equal(1, repo.MfsRoots.Commit(r1, "first", t).Version);
            Assert.Equal(2, repo.MfsRoots.Commit(r2, "second ✓", t.AddMinutes(1)).Version);
            repo.MfsRoots.SetCurrentRoot(r3);
        }

        using (var repo = dir.Open())
        {
            Assert.Equal(r3, repo.MfsRoots.CurrentRoot);
            var versions = repo.MfsRoots.List();
            Assert.Equal([1L, 2L], versions.Select(v => v.Version));
            Assert.Equal(new MfsVersion(2, r2, t.AddMinutes(1), "second ✓"), repo.MfsRoots.Latest);
            Assert.Equal(r1, repo.MfsRoots.Get(1)!.Root);
            Assert.Equal([2L], repo.MfsRoots.List(newestFirst: true, limit: 1).Select(v => v.Version));
            Assert.Equal(new[] { r3, r1, r2 }, repo.MfsRoots.KeptRoots());
        }
    }

    [Fact]
    public void Pruning_and_removing_versions_never_drops_the_latest()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        for (var i = 1; i <= 5; i++)
        {
            repo.MfsRoots.Commit(TestDag.Raw($"root {i}").Cid, $"v{i}");
        }

        Assert.Equal(2, repo.MfsRoots.Remove([2, 4, 42]));
        Assert.Equal([1L, 3L, 5L], repo.MfsRoots.List().Select(v => v.Version));
        Assert.Equal(2, repo.MfsRoots.Prune(keepFromVersion: 100)); // 1 and 3; 5 is the latest
        Assert.Equal(5, Assert.Single(repo.MfsRoots.List()).Version);
        Assert.Equal(6, repo.MfsRoots.Commit(TestDag.Raw("root 6").Cid, "v6").Version);
    }

    [Fact]
    public async Task A_commit_without_fsync_still_puts_the_pack_bytes_it_refers_to_on_disk_first()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (cid, data) = WritePathTests.RandomBlocks(seed: 21, count: 1)[0];
        await repo.Blocks.PutAsync(cid, data);
        Assert.Equal(1, repo.Database.Packs.DirtyCount);

        var version = repo.MfsRoots.Commit(cid, "not durable", time: null, durable: false);

        Assert.Equal(0, repo.Database.Packs.DirtyCount);
        Assert.Equal(version.Version, repo.MfsRoots.Latest?.Version);
        Assert.Equal(cid, repo.MfsRoots.CurrentRoot);
    }
}
