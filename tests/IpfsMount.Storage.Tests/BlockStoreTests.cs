// RocksDB block store: round trips, v0/v1 sharing one entry, identity CIDs, persistence, corruption detection.
namespace IpfsMount.Storage.Tests;

using IpfsMount.Core;
using RocksDbSharp;

public sealed class BlockStoreTests
{
    [Fact]
    public async Task A_block_put_is_read_back_byte_for_byte_after_reopening_the_repo()
    {
        using var dir = new TempRepo();
        var (cid, data) = TestDag.Raw(new byte[] { 1, 2, 3, 4, 5 });
        using (var repo = dir.Init())
        {
            await repo.Blocks.PutAsync(cid, data);
            Assert.Equal(data, (await repo.Blocks.GetAsync(cid)).ToArray());
        }

        using (var repo = dir.Open())
        {
            Assert.True(await repo.Blocks.HasAsync(cid));
            Assert.Equal(data, (await repo.Blocks.GetAsync(cid)).ToArray());
        }
    }

    [Fact]
    public async Task V0_and_v1_cids_of_one_block_share_one_entry()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (v0, data) = TestDag.Node([], [0x08, 0x01], version: 0);
        Assert.Equal(0, v0.Version);
        await repo.Blocks.PutAsync(v0, data);
        await repo.Blocks.PutAsync(v0.ToV1(), data);

        Assert.True(await repo.Blocks.HasAsync(v0.ToV1()));
        Assert.Equal(data, (await repo.Blocks.GetAsync(v0.ToV1())).ToArray());
        var keys = await ToListAsync(repo.Blocks.AllKeysAsync());
        Assert.Equal([v0.ToV1()], keys);
        Assert.Equal(1, repo.Stat().BlockCount);

        await repo.Blocks.DeleteAsync(v0.ToV1());
        Assert.False(await repo.Blocks.HasAsync(v0));
    }

    [Fact]
    public async Task AllKeys_lists_v1_cids_with_the_stored_codec()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var raw = TestDag.Raw("leaf");
        var node = TestDag.Node([raw.Cid], version: 0);
        await repo.Blocks.PutAsync(raw.Cid, raw.Data);
        await repo.Blocks.PutAsync(node.Cid, node.Data);

        var keys = (await ToListAsync(repo.Blocks.AllKeysAsync())).ToHashSet();
        Assert.Equal(new HashSet<Cid> { raw.Cid, node.Cid.ToV1() }, keys);
        var stat = repo.Stat();
        Assert.Equal(2, stat.BlockCount);
        Assert.Equal(raw.Data.Length + node.Data.Length, stat.BlockBytes);
        Assert.Equal(dir.Path, stat.Path);
    }

    [Fact]
    public async Task A_missing_block_throws_BlockNotFoundException_naming_the_cid()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (cid, _) = TestDag.Raw("never stored");
        var e = await Assert.ThrowsAsync<BlockNotFoundException>(async () => await repo.Blocks.GetAsync(cid));
        Assert.Contains(cid.ToString(), e.Message);
        Assert.False(await repo.Blocks.HasAsync(cid));
    }

    [Fact]
    public async Task Identity_hash_cids_are_served_from_the_cid_without_storing_anything()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var payload = "inline"u8.ToArray();
        var cid = Cid.Create(1, Multicodec.Raw, Multihash.Create(Multicodec.Identity, payload));
        Assert.True(await repo.Blocks.HasAsync(cid));
        Assert.Equal(payload, (await repo.Blocks.GetAsync(cid)).ToArray());
        await repo.Blocks.PutAsync(cid, payload);
        Assert.Equal(0, repo.Stat().BlockCount);
    }

    [Fact]
    public async Task A_block_corrupted_on_disk_is_detected_with_its_cid_in_the_message()
    {
        using var dir = new TempRepo();
        var good = TestDag.Raw("good block");
        var bad = TestDag.Raw("block that will rot");
        using (var repo = dir.Init())
        {
            await repo.Blocks.PutAsync(good.Cid, good.Data);
            await repo.Blocks.PutAsync(bad.Cid, bad.Data);
        }

        WriteRaw(dir.Path, bad.Cid.Hash.ToBytes(), [0x55, .. "block that will rOt"u8.ToArray()]);

        using (var repo = dir.Open())
        {
            var e = await Assert.ThrowsAsync<BlockCorruptException>(async () => await repo.Blocks.GetAsync(bad.Cid));
            Assert.Contains(bad.Cid.ToString(), e.Message);
            Assert.Equal(good.Data, (await repo.Blocks.GetAsync(good.Cid)).ToArray());

            var report = repo.Verify();
            Assert.Equal(2, report.BlocksChecked);
            var problem = Assert.Single(report.Corrupt);
            Assert.Equal(bad.Cid, problem.Cid);
            Assert.Contains(bad.Cid.ToString(), problem.Error);
        }
    }

    [Fact]
    public async Task A_write_batch_commits_in_pieces_and_shows_pending_blocks_to_readers()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var tree = TestDag.Tree(seed: 5, files: 4, chunks: 4, chunkSize: 1000);
        await using (var batch = repo.BeginBlockBatch(flushBytes: 5000))
        {
            foreach (var (cid, data) in tree)
            {
                await batch.PutAsync(cid, data);
                Assert.True(await batch.HasAsync(cid));
                Assert.Equal(data, (await batch.GetAsync(cid)).ToArray());
            }

            Assert.True(batch.Commits >= 3);
        }

        Assert.Equal(tree.Count, repo.Stat().BlockCount);
        Assert.True(repo.Verify().Ok);
    }

    internal static void WriteRaw(string repoPath, byte[] key, byte[] value)
    {
        var families = new ColumnFamilies();
        foreach (var name in new[] { "blocks", "pins", "mfs", "meta" })
        {
            families.Add(name, new ColumnFamilyOptions());
        }

        using var db = RocksDb.Open(new DbOptions(), Path.Combine(repoPath, "db"), families);
        db.Put(key, value, db.GetColumnFamily("blocks"));
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
