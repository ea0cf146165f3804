// An IBlockStore that gathers Puts into RocksDB WriteBatches (committed every FlushBytes and on Flush/Dispose),
// for bulk imports: one WAL write per batch, and a crash keeps whole batches only. Reads see pending blocks.
namespace IpfsMount.Storage;

using IpfsMount.Core;
using RocksDbSharp;

public sealed class BlockWriteBatch : IBlockStore, IAsyncDisposable, IDisposable
{
    private readonly RocksBlockStore _store;
    private readonly CachingBlockStore _cache;
    private readonly Dictionary<Multihash, ReadOnlyMemory<byte>> _pending = [];
    private readonly Lock _gate = new();
    private WriteBatch _batch = new();
    private long _pendingBytes;
    private bool _disposed;

    internal BlockWriteBatch(RocksBlockStore store, CachingBlockStore cache, long flushBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(flushBytes, 1);
        _store = store;
        _cache = cache;
        FlushBytes = flushBytes;
    }

    public long FlushBytes { get; }

    /// <summary>Number of batches committed so far.</summary>
    public int Commits { get; private set; }

    public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(cid.Hash, out var data))
            {
                return ValueTask.FromResult(data);
            }
        }

        return _cache.GetAsync(cid, ct);
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (cid.Hash.Code == Multicodec.Identity)
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pending.ContainsKey(cid.Hash) || _store.Has(cid))
            {
                return ValueTask.CompletedTask;
            }

            _store.AddTo(_batch, cid, data.Span);
            _pending[cid.Hash] = data.ToArray();
            _pendingBytes += data.Length;
            if (_pendingBytes >= FlushBytes)
            {
                CommitLocked();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_pending.ContainsKey(cid.Hash))
            {
                return ValueTask.FromResult(true);
            }
        }

        return _cache.HasAsync(cid, ct);
    }

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default)
    {
        Flush();
        return _cache.DeleteAsync(cid, ct);
    }

    public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default)
    {
        Flush();
        return _cache.AllKeysAsync(ct);
    }

    /// <summary>Commits the pending blocks as one RocksDB write.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            CommitLocked();
        }
    }

    private void CommitLocked()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        _store.Commit(_batch);
        _batch.Dispose();
        _batch = new WriteBatch();
        _pending.Clear();
        _pendingBytes = 0;
        Commits++;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            CommitLocked();
            _disposed = true;
            _batch.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
