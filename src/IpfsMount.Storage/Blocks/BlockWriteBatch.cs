// An IBlockStore that gathers Puts into RocksDB WriteBatches for bulk imports (DESIGN.md, "Write path"): a large
// block's bytes go straight to a pack file and the batch gets its small index record; a small block is copied once,
// into the batch. A batch that stays under FlushBytes is one WAL write at Flush/Dispose; a larger import writes its
// batches without the WAL and flushes the memtables at Flush/Dispose. Reading a pending block commits the batch first.
namespace IpfsMount.Storage;

using IpfsMount.Core;
using RocksDbSharp;

public sealed class BlockWriteBatch : IBlockStore, IAsyncDisposable, IDisposable
{
    private readonly RocksBlockStore _store;
    private readonly CachingBlockStore _cache;
    private readonly HashSet<Multihash> _pending = [];
    private readonly Lock _gate = new();
    private WriteBatch _batch = new();
    private long _pendingBytes;
    private bool _disposed;
    private bool _unlogged;

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
            if (_pending.Contains(cid.Hash))
            {
                CommitLocked(final: false);
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
            if (_pending.Contains(cid.Hash) || _store.Has(cid))
            {
                return ValueTask.CompletedTask;
            }

            _pendingBytes += _store.AddTo(_batch, cid, data);
            _pending.Add(cid.Hash);
            if (_pendingBytes >= FlushBytes)
            {
                CommitLocked(final: false);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_pending.Contains(cid.Hash))
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

    /// <summary>A commit point: every block put so far is in the store and survives a crash (SIGKILL) once this
    /// returns; pin what was written only after it (or Dispose).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            CommitLocked(final: true);
        }
    }

    /// <summary>Writes the pending blocks. Intermediate commits skip the WAL and start a background flush of what
    /// they wrote (the disk keeps pace with the import; a full disk fails the next Put); the final one goes through
    /// the WAL when everything fitted in one batch, else it is unlogged too and waits for the memtables' flush.</summary>
    private void CommitLocked(bool final)
    {
        if (_pending.Count > 0)
        {
            if (final && !_unlogged)
            {
                _store.Commit(_batch);
            }
            else
            {
                _store.CommitUnlogged(_batch);
                _unlogged = true;
                if (!final)
                {
                    _store.StartFlush();
                }
            }

            _batch.Clear();
            _pending.Clear();
            _pendingBytes = 0;
            Commits++;
        }

        if (final && _unlogged)
        {
            _store.MakeDurable();
            _unlogged = false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            CommitLocked(final: true);
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
