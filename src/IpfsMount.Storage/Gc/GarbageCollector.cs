// Mark-and-sweep GC: marks every block reachable from recursive pins, direct pins and every kept MFS root (current and
// all versions), deletes the rest in WriteBatches, then rewrites mostly-dead pack files (PackReclaimer). Runs under
// the exclusive GcLock; never sweeps a reachable block.
namespace IpfsMount.Storage;

using IpfsMount.Core;
using RocksDbSharp;

public sealed class GarbageCollector
{
    private const int SweepBatchSize = 1024;

    private readonly RocksBlockStore _store;
    private readonly CachingBlockStore _cache;
    private readonly PinSet _pins;
    private readonly MfsRootStore _mfs;
    private readonly GcLock _lock;

    internal GarbageCollector(RocksBlockStore store, CachingBlockStore cache, PinSet pins, MfsRootStore mfs, GcLock gcLock)
    {
        _store = store;
        _cache = cache;
        _pins = pins;
        _mfs = mfs;
        _lock = gcLock;
    }

    public async Task<GcResult> CollectAsync(CancellationToken ct = default)
    {
        GcResult result;
        using (await _lock.EnterExclusiveAsync(ct).ConfigureAwait(false))
        {
            var marked = await MarkAsync(ct).ConfigureAwait(false);
            var live = new Dictionary<uint, long>();
            result = Sweep(marked, live, ct);
            PackReclaimer.Reclaim(_store, live, ct);
        }

        if (result.Removed.Count > 0)
        {
            _store.ReclaimSpace(); // outside the lock: writers may go on while the blob files are rewritten
        }

        return result;
    }

    /// <summary>The multihashes of every block reachable from a pin or a kept MFS root.</summary>
    public async Task<HashSet<Multihash>> MarkAsync(CancellationToken ct = default)
    {
        var marked = new HashSet<Multihash>();
        foreach (var pin in _pins.ListStored())
        {
            if (pin.Mode == PinMode.Direct)
            {
                marked.Add(pin.Cid.Hash);
            }
            else
            {
                await WalkAsync(pin.Cid, marked, "pin", ct).ConfigureAwait(false);
            }
        }

        foreach (var root in _mfs.KeptRoots())
        {
            await WalkAsync(root, marked, "MFS root", ct).ConfigureAwait(false);
        }

        return marked;
    }

    private async Task WalkAsync(Cid root, HashSet<Multihash> marked, string what, CancellationToken ct)
    {
        try
        {
            // Missing blocks are skipped: there is nothing local to keep below them. The walk reads the RocksDB store
            // directly (not the cache) so that every block it follows is hash-checked now.
            await DagWalker.WalkAsync(_store, root, marked, skipMissing: true, visit: null, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BlockCorruptException or InvalidBlockException)
        {
            throw new GcException($"GC stopped before deleting anything: under {what} {root}: {e.Message}. Run `ipfsmount repo verify`, then re-fetch or unpin the damaged data", e);
        }
    }

    private GcResult Sweep(HashSet<Multihash> marked, Dictionary<uint, long> livePackBytes, CancellationToken ct)
    {
        var removed = new List<Cid>();
        long freed = 0;
        long kept = 0;
        var batch = new WriteBatch();
        var inBatch = new List<Multihash>();
        try
        {
            foreach (var block in _store.Scan(verify: false))
            {
                ct.ThrowIfCancellationRequested();
                if (block.IsMalformed || marked.Contains(block.Cid.Hash))
                {
                    kept++; // a malformed record is left for `repo verify` to report: GC does not guess what it is
                    if (block.Pack is { } pack)
                    {
                        livePackBytes[pack.Pack] = livePackBytes.GetValueOrDefault(pack.Pack) + pack.Length;
                    }

                    continue;
                }

                _store.DeleteFrom(batch, block.Cid.Hash);
                inBatch.Add(block.Cid.Hash);
                removed.Add(block.Cid);
                freed += block.Length;
                if (inBatch.Count >= SweepBatchSize)
                {
                    Commit(ref batch, inBatch);
                }
            }

            Commit(ref batch, inBatch);
        }
        finally
        {
            batch.Dispose();
        }

        return new GcResult(removed, freed, kept);
    }

    private void Commit(ref WriteBatch batch, List<Multihash> inBatch)
    {
        if (inBatch.Count == 0)
        {
            return;
        }

        _store.Commit(batch);
        foreach (var hash in inBatch)
        {
            _cache.Forget(hash);
        }

        inBatch.Clear();
        batch.Dispose();
        batch = new WriteBatch();
    }
}
