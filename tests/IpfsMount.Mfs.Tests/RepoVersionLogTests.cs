// The MFS on a real RocksDB repo: versions, metadata and contents survive closing and reopening the repo;
// snapshots are pinned; prune drops old versions so GC can reclaim their blocks.
using System.Text;
using IpfsMount.Storage;

namespace IpfsMount.Mfs.Tests;

public sealed class RepoVersionLogTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mfs-repo-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static MfsOptions Opts => new() { AutoCommitInterval = null, CommitOnLastClose = false };

    [Fact]
    public async Task Versions_committed_after_a_close_without_an_fsync_are_recorded_and_survive_reopening()
    {
        string path = Path.Combine(_dir.FullName, "repo");
        MfsVersion last;
        using (var repo = Repo.Init(path))
        {
            await using (var tree = await RepoMfs.OpenTreeAsync(repo, Opts with { CommitOnLastClose = true, CloseCommitDelay = TimeSpan.Zero }))
            {
                for (int i = 0; i < 3; i++)
                {
                    await tree.WriteAllAsync($"/f{i}", Encoding.UTF8.GetBytes($"file {i}"));
                    await tree.WhenCloseCommitsDoneAsync();
                }
                last = tree.Head!;
                Assert.Equal(3, last.Number);
                Assert.Equal(last.Root, repo.MfsRoots.CurrentRoot);
            }
        }
        using (var repo = Repo.Open(path))
        {
            Assert.Equal([1L, 2L, 3L], repo.MfsRoots.List().Select(v => v.Version));
            await using var tree = await RepoMfs.OpenTreeAsync(repo, Opts);
            Assert.Equal(last, tree.Head);
            Assert.Equal("file 2", Encoding.UTF8.GetString(await tree.ReadAllAsync("/f2")));
        }
    }

    [Fact]
    public async Task Versions_and_contents_survive_reopening_the_repo()
    {
        string path = Path.Combine(_dir.FullName, "repo");
        MfsVersion v1, v2;
        using (var repo = Repo.Init(path))
        {
            await using var tree = await RepoMfs.OpenTreeAsync(repo, Opts);
            await tree.MkdirAsync("/docs");
            await tree.WriteAllAsync("/docs/a.txt", Encoding.UTF8.GetBytes("first"));
            v1 = await tree.CommitAsync("one");
            await tree.WriteAllAsync("/docs/a.txt", InputGenerator.Generate(700000, 3));
            await tree.ChmodAsync("/docs/a.txt", Convert.ToUInt32("600", 8));
            v2 = await tree.CommitAsync("two");
        }
        using (var repo = Repo.Open(path))
        {
            await using var tree = await RepoMfs.OpenTreeAsync(repo, Opts);
            Assert.Equal(v2, tree.Head);
            Assert.Equal(InputGenerator.Generate(700000, 3), await tree.ReadAllAsync("/docs/a.txt"));
            Assert.Equal(Convert.ToUInt32("600", 8), (await tree.StatAsync("/docs/a.txt")).Mode);
            var history = RepoMfs.OpenHistory(repo);
            var list = await history.ListAsync();
            Assert.Equal([v1, v2], list);
            Assert.Equal("one", list[0].Message);
            Assert.Equal([MfsChangeKind.Modified], (await history.DiffAsync(v1.Root, v2.Root)).Select(c => c.Kind));

            var back = await tree.RollbackAsync(1);
            Assert.Equal(3, back.Number);
            Assert.Equal("first", Encoding.UTF8.GetString(await tree.ReadAllAsync("/docs/a.txt")));
            Assert.Equal(back.Root, repo.MfsRoots.CurrentRoot);
        }
    }

    [Fact]
    public async Task Snapshots_are_pinned_and_pruned_versions_let_gc_reclaim_blocks()
    {
        using var repo = Repo.Init(Path.Combine(_dir.FullName, "repo"));
        await using var tree = await RepoMfs.OpenTreeAsync(repo, Opts);
        await tree.MkdirAsync("/keep");
        await tree.WriteAllAsync("/keep/k", Encoding.UTF8.GetBytes("kept by a pin"));
        var snap = await tree.SnapshotAsync("/keep");
        Assert.True(snap.Pinned);
        Assert.NotNull(await repo.Pins.IsPinnedAsync(snap.Cid));

        await tree.WriteAllAsync("/old", InputGenerator.Generate(300000, 5));
        await tree.CommitAsync();
        var oldFile = (await tree.StatAsync("/old")).Cid;
        await tree.UnlinkAsync("/old");
        await tree.CommitAsync();
        Assert.True(await repo.Blocks.HasAsync(oldFile));

        var pruned = await RepoMfs.OpenHistory(repo).PruneAsync(new MfsPruneRule(1, null));
        Assert.True(pruned >= 2);
        Assert.Single(repo.MfsRoots.List());
        await repo.Gc.CollectAsync();
        Assert.False(await repo.Blocks.HasAsync(oldFile));
        Assert.Equal("kept by a pin", Encoding.UTF8.GetString(await tree.ReadAllAsync("/keep/k")));
    }
}
