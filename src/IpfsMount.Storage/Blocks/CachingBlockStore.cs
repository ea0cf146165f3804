// Decorator keeping hot blocks in a Microsoft.Extensions.Caching.Memory cache bounded in bytes (entry size = block
// length); blocks enter the cache only after the inner store verified them, so cache hits need no re-hash.
namespace IpfsMount.Storage;

using IpfsMount.Core;
using Microsoft.Extensions.Caching.Memory;

public sealed class CachingBlockStore : IBlockStore, IDisposable
{
    private readonly IBlockStore _inner;
    private readonly MemoryCache? _cache;

    /// <param name="inner">the verified store behind the cache</param>
    /// <param name="sizeLimitBytes">upper bound on the bytes of cached blocks; 0 disables the cache</param>
    public CachingBlockStore(IBlockStore inner, long sizeLimitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeLimitBytes);
        _inner = inner;
        SizeLimitBytes = sizeLimitBytes;
        if (sizeLimitBytes > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions
            {
                SizeLimit = sizeLimitBytes,
                CompactionPercentage = 0.25,
                TrackStatistics = true,
            });
        }
    }

    public IBlockStore Inner => _inner;

    public long SizeLimitBytes { get; }

    /// <summary>Bytes of blocks currently cached (never above SizeLimitBytes).</summary>
    public long CachedBytes => _cache?.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public long Hits => _cache?.GetCurrentStatistics()?.TotalHits ?? 0;

    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        if (_cache is not null && _cache.TryGetValue(cid.Hash, out ReadOnlyMemory<byte> hit))
        {
            return hit;
        }

        var data = await _inner.GetAsync(cid, ct).ConfigureAwait(false);
        if (_cache is not null && cid.Hash.Code != Multicodec.Identity && data.Length <= SizeLimitBytes)
        {
            using var entry = _cache.CreateEntry(cid.Hash);
            entry.Size = Math.Max(1, data.Length);
            entry.Value = data;
        }

        return data;
    }

    /// <summary>A cached block as it is; a miss is read by the inner store (into a pooled buffer where it can) and
    /// not cached: streaming readers copy each block out once, and would only push the hot blocks out.</summary>
    public ValueTask<BlockLease> RentAsync(Cid cid, CancellationToken ct = default) =>
        _cache is not null && _cache.TryGetValue(cid.Hash, out ReadOnlyMemory<byte> hit)
            ? ValueTask.FromResult(BlockLease.Unpooled(hit))
            : _inner.RentAsync(cid, ct);

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) =>
        _inner.PutAsync(cid, data, ct);

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) =>
        _cache is not null && _cache.TryGetValue(cid.Hash, out _) ? ValueTask.FromResult(true) : _inner.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default)
    {
        Forget(cid.Hash);
        return _inner.DeleteAsync(cid, ct);
    }

    public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => _inner.AllKeysAsync(ct);

    /// <summary>Drops a block from the cache (after GC or a direct delete in the inner store).</summary>
    public void Forget(Multihash hash) => _cache?.Remove(hash);

    public void Dispose() => _cache?.Dispose();
}
