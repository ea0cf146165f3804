// The write path of blocks (DESIGN.md, "Write path", "Pack files"): large blocks in pack files, only small index
// records in RocksDB, small blocks inline, synced writes after the packs they refer to, GC giving pack space back.
namespace IpfsMount.Storage.Tests;

using System.Globalization;
using IpfsMount.Core;

public sealed class WritePathTests
{
    private const int BlockSize = 64 * 1024;

    [Fact]
    public async Task A_bulk_batch_writes_large_blocks_once_into_pack_files_and_only_index_records_into_the_wal()
    {
        using var dir = new TempRepo();
        var blocks = RandomBlocks(seed: 1, count: 12);
        using (var repo = dir.Init())
        {
            await using (var batch = repo.BeginBlockBatch(flushBytes: 2 * BlockSize))
            {
                foreach (var (cid, data) in blocks)
                {
                    await batch.PutAsync(cid, data);
                }
            }

            Assert.Equal(blocks.Count * (long)BlockSize, repo.PackBytes);
            Assert.Equal(0, Property(repo, "rocksdb.live-blob-file-size"));
        }

        var walBytes = Directory.GetFiles(Path.Combine(dir.Path, "db"), "*.log").Sum(f => new FileInfo(f).Length);
        Assert.True(walBytes < BlockSize, $"the WAL holds {walBytes} bytes: pack blocks must not be logged");
        using (var reopened = dir.Open())
        {
            foreach (var (cid, data) in blocks)
            {
                Assert.Equal(data, (await reopened.Blocks.GetAsync(cid)).ToArray());
            }

            Assert.True(reopened.Verify().Ok);
            Assert.Equal(12, reopened.Verify().BlocksChecked);
        }
    }

    [Fact]
    public async Task Small_blocks_stay_inline_in_rocksdb_and_large_ones_go_to_packs()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var small = TestDag.Raw(new byte[PackStore.MinBlockBytes - 1]);
        var large = TestDag.Raw(new byte[PackStore.MinBlockBytes]);
        await repo.Blocks.PutAsync(small.Cid, small.Data);
        Assert.Equal(0, repo.PackBytes);
        await repo.Blocks.PutAsync(large.Cid, large.Data);
        await repo.Blocks.PutAsync(large.Cid, large.Data); // idempotent: not appended twice
        Assert.Equal(PackStore.MinBlockBytes, repo.PackBytes);
        Assert.Equal(small.Data, (await repo.LocalBlocks.GetAsync(small.Cid)).ToArray());
        Assert.Equal(large.Data, (await repo.LocalBlocks.GetAsync(large.Cid)).ToArray());
    }

    [Fact]
    public async Task A_synced_write_first_syncs_the_packs_and_flushes_unlogged_block_writes()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var large = RandomBlocks(seed: 3, count: 2);
        foreach (var (cid, data) in large)
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        var small = TestDag.Raw("small block written without the WAL");
        using (var batch = new RocksDbSharp.WriteBatch())
        {
            repo.LocalBlocks.AddTo(batch, small.Cid, small.Data);
            repo.Database.WriteUnlogged(batch); // what a bulk import's intermediate commits do
        }

        Assert.Equal(1, repo.Database.Packs.DirtyCount);
        Assert.True(Property(repo, "rocksdb.num-entries-active-mem-table") >= 3);

        await repo.Pins.AddAsync(large[0].Cid, recursive: false); // a synced write: a commit point

        Assert.Equal(0, repo.Database.Packs.DirtyCount);
        Assert.Equal(0, Property(repo, "rocksdb.num-entries-active-mem-table") + Property(repo, "rocksdb.num-entries-imm-mem-tables"));
        Assert.NotNull(await repo.Pins.IsPinnedAsync(large[0].Cid));
        Assert.Equal(small.Data, (await repo.Blocks.GetAsync(small.Cid)).ToArray());
    }

    [Fact]
    public async Task Pack_files_roll_over_at_their_size_limit_and_every_block_stays_readable()
    {
        using var dir = new TempRepo();
        var blocks = RandomBlocks(seed: 6, count: 10);
        using (var repo = dir.Init())
        {
            repo.Database.Packs.RollBytes = 3 * BlockSize;
            foreach (var (cid, data) in blocks)
            {
                await repo.Blocks.PutAsync(cid, data);
            }

            Assert.Equal(4, PackFiles(dir.Path).Count);
        }

        using (var reopened = dir.Open())
        {
            foreach (var (cid, data) in blocks)
            {
                Assert.Equal(data, (await reopened.LocalBlocks.GetAsync(cid)).ToArray());
            }

            var extra = RandomBlocks(seed: 7, count: 1)[0];
            await reopened.Blocks.PutAsync(extra.Cid, extra.Data); // appended to the newest pack, after its blocks
            Assert.Equal(4, PackFiles(dir.Path).Count);
            Assert.Equal(extra.Data, (await reopened.LocalBlocks.GetAsync(extra.Cid)).ToArray());
            Assert.True(reopened.Verify().Ok);
        }
    }

    [Fact]
    public async Task Gc_gives_the_pack_space_of_removed_blocks_back_and_keeps_the_live_ones_readable()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        repo.Database.Packs.RollBytes = 6 * BlockSize;
        var kept = RandomBlocks(seed: 4, count: 2);
        var garbage = RandomBlocks(seed: 5, count: 16);
        await using (var batch = repo.BeginBlockBatch(flushBytes: 4 * BlockSize))
        {
            foreach (var (cid, data) in garbage.Take(8).Concat(kept).Concat(garbage.Skip(8)))
            {
                await batch.PutAsync(cid, data);
            }
        }

        foreach (var (cid, _) in kept)
        {
            await repo.Pins.AddAsync(cid, recursive: false);
        }

        Assert.Equal(18L * BlockSize, repo.PackBytes);

        var result = await repo.Gc.CollectAsync();

        Assert.Equal(garbage.Select(b => b.Cid).ToHashSet(), result.Removed.ToHashSet());
        var onDisk = PackFiles(dir.Path).Sum(f => new FileInfo(f).Length);
        Assert.True(onDisk <= 2L * BlockSize, $"{onDisk} bytes of pack files remain for 2 kept blocks of {BlockSize}");
        Assert.True(repo.EstimatedBlockBytes < 4L * BlockSize, $"estimate {repo.EstimatedBlockBytes}");
        foreach (var (cid, data) in kept)
        {
            Assert.Equal(data, (await repo.LocalBlocks.GetAsync(cid)).ToArray());
        }

        Assert.True(repo.Verify().Ok);
        repo.Dispose();
        using var reopened = dir.Open();
        foreach (var (cid, data) in kept)
        {
            Assert.Equal(data, (await reopened.LocalBlocks.GetAsync(cid)).ToArray());
        }
    }

    internal static List<(Cid Cid, byte[] Data)> RandomBlocks(int seed, int count, int size = BlockSize)
    {
        var rng = new Random(seed);
        var blocks = new List<(Cid Cid, byte[] Data)>();
        for (var i = 0; i < count; i++)
        {
            var data = new byte[size];
            rng.NextBytes(data);
            blocks.Add(TestDag.Raw(data));
        }

        return blocks;
    }

    internal static List<string> PackFiles(string repoPath) =>
        [.. Directory.GetFiles(Path.Combine(repoPath, PackStore.DirectoryName), "*.pack").Order()];

    private static long Property(Repo repo, string name) =>
        long.Parse(repo.Database.Db.GetProperty(name, repo.Database.Blocks), NumberStyles.None, CultureInfo.InvariantCulture);
}
