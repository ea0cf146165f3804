// The memory cache in front of RocksDB: bounded in bytes, serves hits, forgets deleted blocks.
namespace IpfsMount.Storage.Tests;

using IpfsMount.Core;

public sealed class BlockCacheTests
{
    [Fact]
    public async Task The_cache_never_holds_more_bytes_than_its_size_limit()
    {
        var inner = new MemoryBlockStore();
        using var cache = new CachingBlockStore(inner, sizeLimitBytes: 64 * 1024);
        var blocks = TestDag.Tree(seed: 9, files: 1, chunks: 40, chunkSize: 10_000).Take(40).ToList();
        foreach (var (cid, data) in blocks)
        {
            await inner.PutAsync(cid, data);
        }

        foreach (var (cid, data) in blocks)
        {
            Assert.Equal(data, (await cache.GetAsync(cid)).ToArray());
            Assert.InRange(cache.CachedBytes, 1, 64 * 1024);
        }

        // Compaction runs in the background; the bound holds throughout and the cache still holds something.
        await Task.Delay(100);
        Assert.InRange(cache.CachedBytes, 10_000, 64 * 1024);
    }

    [Fact]
    public async Task A_cached_block_is_served_from_memory_and_forgotten_on_delete()
    {
        var inner = new MemoryBlockStore();
        using var cache = new CachingBlockStore(inner, sizeLimitBytes: 1024 * 1024);
        var (cid, data) = TestDag.Raw("hot");
        await cache.PutAsync(cid, data);
        await cache.GetAsync(cid);
        var hitsBefore = cache.Hits;
        Assert.Equal(data, (await cache.GetAsync(cid)).ToArray());
        Assert.Equal(hitsBefore + 1, cache.Hits);

        await cache.DeleteAsync(cid);
        Assert.False(await cache.HasAsync(cid));
        await Assert.ThrowsAsync<BlockNotFoundException>(async () => await cache.GetAsync(cid));
    }

    [Fact]
    public async Task The_repo_cache_size_comes_from_the_config()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init(new RepoInitOptions { Config = new RepoConfig { BlockCacheBytes = 12345 } });
        Assert.Equal(12345, repo.BlockCache.SizeLimitBytes);
        var (cid, data) = TestDag.Raw(new byte[20_000]);
        await repo.Blocks.PutAsync(cid, data);
        await repo.Blocks.GetAsync(cid);
        Assert.Equal(0, repo.BlockCache.CachedBytes); // larger than the whole cache: never cached
    }
}
