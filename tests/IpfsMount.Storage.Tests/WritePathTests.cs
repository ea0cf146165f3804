// The write path of the blocks family (DESIGN.md, "Write path"): large values in blob files, bulk batches without the
// WAL made durable at commit points, small batches through the WAL, GC giving blob space back.
namespace IpfsMount.Storage.Tests;

using System.Globalization;
using IpfsMount.Core;

public sealed class WritePathTests
{
    private const int BlockSize = 64 * 1024;

    [Fact]
    public async Task A_bulk_batch_goes_to_blob_files_once_without_the_wal_and_is_all_there_after_reopening()
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

            Assert.Equal(0, Property(repo, "rocksdb.cur-size-active-mem-table") / BlockSize); // flushed at Dispose
            Assert.True(Property(repo, "rocksdb.live-blob-file-size") >= blocks.Count * BlockSize);
        }

        var walBytes = Directory.GetFiles(Path.Combine(dir.Path, "db"), "*.log").Sum(f => new FileInfo(f).Length);
        Assert.True(walBytes < BlockSize, $"the WAL holds {walBytes} bytes: bulk blocks must not be logged");
        using (var reopened = dir.Open())
        {
            foreach (var (cid, data) in blocks)
            {
                Assert.Equal(data, (await reopened.Blocks.GetAsync(cid)).ToArray());
            }

            Assert.True(reopened.Verify().Ok);
        }
    }

    [Fact]
    public async Task A_batch_that_fits_in_one_write_goes_through_the_wal_and_leaves_the_memtable_unflushed()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var blocks = RandomBlocks(seed: 2, count: 2);
        await using (var batch = repo.BeginBlockBatch())
        {
            foreach (var (cid, data) in blocks)
            {
                await batch.PutAsync(cid, data);
            }
        }

        Assert.True(Property(repo, "rocksdb.cur-size-active-mem-table") >= 2 * BlockSize);
        Assert.Equal(0, Property(repo, "rocksdb.live-blob-file-size"));
        Assert.Equal(blocks[1].Data, (await repo.Blocks.GetAsync(blocks[1].Cid)).ToArray());
    }

    [Fact]
    public async Task A_pin_first_flushes_unlogged_block_writes_to_disk()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var blocks = RandomBlocks(seed: 3, count: 4);
        using (var batch = new RocksDbSharp.WriteBatch())
        {
            foreach (var (cid, data) in blocks)
            {
                repo.LocalBlocks.AddTo(batch, cid, data);
            }

            repo.Database.WriteUnlogged(batch); // what a bulk import's intermediate commits do
        }

        Assert.Equal(4, Property(repo, "rocksdb.num-entries-active-mem-table"));
        Assert.Equal(0, Property(repo, "rocksdb.live-blob-file-size"));

        await repo.Pins.AddAsync(blocks[0].Cid, recursive: false); // a synced write: a commit point

        Assert.Equal(0, Property(repo, "rocksdb.num-entries-active-mem-table") + Property(repo, "rocksdb.num-entries-imm-mem-tables"));
        Assert.True(Property(repo, "rocksdb.live-blob-file-size") >= blocks.Count * BlockSize);
        Assert.NotNull(await repo.Pins.IsPinnedAsync(blocks[0].Cid));
    }

    [Fact]
    public async Task An_ordinary_compaction_moves_keys_but_never_rewrites_blob_files()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        await using (var batch = repo.BeginBlockBatch(flushBytes: BlockSize))
        {
            foreach (var (cid, data) in RandomBlocks(seed: 6, count: 6))
            {
                await batch.PutAsync(cid, data); // one unlogged write and one flush (one blob file) per block
            }
        }

        var before = BlobFiles(dir.Path);
        Assert.True(before.Count >= 2, $"{before.Count} blob files");

        repo.Database.Db.CompactRange((byte[]?)null, null, repo.Database.Blocks);

        Assert.Equal(before, BlobFiles(dir.Path));
        Assert.True(repo.Verify().Ok);
    }

    [Fact]
    public async Task Gc_gives_the_blob_file_space_of_removed_blocks_back()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var kept = RandomBlocks(seed: 4, count: 2);
        var garbage = RandomBlocks(seed: 5, count: 16);
        await using (var batch = repo.BeginBlockBatch(flushBytes: 4 * BlockSize))
        {
            foreach (var (cid, data) in kept.Concat(garbage))
            {
                await batch.PutAsync(cid, data);
            }
        }

        foreach (var (cid, _) in kept)
        {
            await repo.Pins.AddAsync(cid, recursive: false);
        }

        Assert.True(Property(repo, "rocksdb.live-blob-file-size") >= 18L * BlockSize);

        var result = await repo.Gc.CollectAsync();

        Assert.Equal(garbage.Select(b => b.Cid).ToHashSet(), result.Removed.ToHashSet());
        var live = Property(repo, "rocksdb.live-blob-file-size");
        Assert.True(live < 4L * BlockSize, $"{live} bytes of blob files remain for 2 kept blocks of {BlockSize}");
        Assert.True(repo.EstimatedBlockBytes < 4L * BlockSize, $"estimate {repo.EstimatedBlockBytes}");
        foreach (var (cid, data) in kept)
        {
            Assert.Equal(data, (await repo.Blocks.GetAsync(cid)).ToArray());
        }
    }

    private static List<(Cid Cid, byte[] Data)> RandomBlocks(int seed, int count)
    {
        var rng = new Random(seed);
        var blocks = new List<(Cid Cid, byte[] Data)>();
        for (var i = 0; i < count; i++)
        {
            var data = new byte[BlockSize];
            rng.NextBytes(data);
            blocks.Add(TestDag.Raw(data));
        }

        return blocks;
    }

    private static List<string> BlobFiles(string repoPath) =>
        [.. Directory.GetFiles(Path.Combine(repoPath, "db"), "*.blob").Select(f => Path.GetFileName(f)).Order()];

    private static long Property(Repo repo, string name) =>
        long.Parse(repo.Database.Db.GetProperty(name, repo.Database.Blocks), NumberStyles.None, CultureInfo.InvariantCulture);
}
