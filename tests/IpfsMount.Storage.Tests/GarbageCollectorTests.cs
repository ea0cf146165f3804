// GC: pinned and MFS-reachable (current and older versions) data survive, everything else is removed and reported.
namespace IpfsMount.Storage.Tests;

using IpfsMount.Core;

public sealed class GarbageCollectorTests
{
    [Fact]
    public async Task Gc_keeps_pinned_and_mfs_reachable_blocks_and_removes_the_rest()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var pinned = TestDag.Tree(1, files: 2, chunks: 3, chunkSize: 64);
        var mfsOld = TestDag.Tree(2, files: 1, chunks: 2, chunkSize: 64);
        var mfsNew = TestDag.Tree(3, files: 1, chunks: 2, chunkSize: 64);
        var direct = TestDag.Node([TestDag.Raw("child of a direct pin").Cid], [0x08, 0x01]);
        var directChild = TestDag.Raw("child of a direct pin");
        var garbage = TestDag.Tree(4, files: 2, chunks: 2, chunkSize: 64);
        foreach (var (cid, data) in pinned.Concat(mfsOld).Concat(mfsNew).Concat(garbage).Append(direct).Append(directChild))
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        await repo.Pins.AddAsync(pinned[^1].Cid);
        await repo.Pins.AddAsync(direct.Cid, recursive: false);
        repo.MfsRoots.Commit(mfsOld[^1].Cid, "first");
        repo.MfsRoots.Commit(mfsNew[^1].Cid, "second");

        var result = await repo.Gc.CollectAsync();

        var expectedGone = garbage.Select(b => b.Cid).Append(directChild.Cid).ToHashSet();
        Assert.Equal(expectedGone, result.Removed.ToHashSet());
        Assert.Equal(garbage.Sum(b => (long)b.Data.Length) + directChild.Data.Length, result.BytesFreed);
        foreach (var (cid, data) in pinned.Concat(mfsOld).Concat(mfsNew).Append(direct))
        {
            Assert.Equal(data, (await repo.Blocks.GetAsync(cid)).ToArray());
        }

        foreach (var cid in expectedGone)
        {
            Assert.False(await repo.Blocks.HasAsync(cid));
        }

        Assert.Empty((await repo.Gc.CollectAsync()).Removed);
    }

    [Fact]
    public async Task Pruned_mfs_versions_and_unpinned_data_become_garbage()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var v1 = TestDag.Tree(11, files: 1, chunks: 2, chunkSize: 32);
        var v2 = TestDag.Tree(12, files: 1, chunks: 2, chunkSize: 32);
        foreach (var (cid, data) in v1.Concat(v2))
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        repo.MfsRoots.Commit(v1[^1].Cid, "v1");
        repo.MfsRoots.Commit(v2[^1].Cid, "v2");
        await repo.Pins.AddAsync(v1[^1].Cid);
        Assert.Empty((await repo.Gc.CollectAsync()).Removed);

        Assert.Equal(1, repo.MfsRoots.Prune(keepFromVersion: 2));
        Assert.Empty((await repo.Gc.CollectAsync()).Removed); // still pinned
        await repo.Pins.RemoveAsync(v1[^1].Cid);
        var removed = (await repo.Gc.CollectAsync()).Removed.ToHashSet();
        Assert.Equal(v1.Select(b => b.Cid).ToHashSet(), removed);
        Assert.Equal(v2.Count, repo.Stat().BlockCount);
    }

    [Fact]
    public async Task Gc_refuses_to_sweep_when_a_block_under_a_root_is_corrupt()
    {
        using var dir = new TempRepo();
        var tree = TestDag.Tree(21, files: 1, chunks: 2, chunkSize: 32);
        var garbage = TestDag.Raw("garbage");
        using (var repo = dir.Init())
        {
            foreach (var (cid, data) in tree.Append(garbage))
            {
                await repo.Blocks.PutAsync(cid, data);
            }

            await repo.Pins.AddAsync(tree[^1].Cid);
        }

        var file = tree[^2];
        BlockStoreTests.WriteRaw(dir.Path, file.Cid.Hash.ToBytes(), [0x70, .. file.Data[..^1], 0x00]);
        using (var repo = dir.Open())
        {
            var e = await Assert.ThrowsAsync<GcException>(() => repo.Gc.CollectAsync());
            Assert.Contains(file.Cid.ToString(), e.Message);
            Assert.True(await repo.Blocks.HasAsync(garbage.Cid));
        }
    }

    [Fact]
    public async Task Gc_waits_for_a_writer_holding_the_gc_lock_and_the_writer_can_still_pin()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var block = TestDag.Raw("being added");
        var lease = await repo.GcLock.EnterSharedAsync();
        await repo.Blocks.PutAsync(block.Cid, block.Data);
        var gc = repo.Gc.CollectAsync();
        await Task.Delay(200);
        Assert.False(gc.IsCompleted);
        await repo.Pins.AddAsync(block.Cid, recursive: false).WaitAsync(TimeSpan.FromSeconds(5)); // reentrant: no deadlock
        lease.Dispose();
        var result = await gc.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(block.Cid, result.Removed);
    }
}
