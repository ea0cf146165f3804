// Encodes and stores full leaves of files being written, in the background (UnixFS spec "File" leaves): the writer
// hands over a finished leaf and goes on; a byte budget bounds what is in flight, so RSS stays bounded.
namespace IpfsMount.Mfs;

/// <summary>
/// One per tree (shared by its layouts). A writer first waits for room (<see cref="WaitRoomAsync"/>), then
/// <see cref="Start"/>s the leaf: hashing runs on the thread pool in parallel with further writes, then the block is
/// put. The block is in the store, readable by every reader, when the task completes; until then the file keeps the
/// leaf's bytes and serves reads from them.
/// </summary>
internal sealed class LeafWriteQueue
{
    /// <summary>Leaf bytes in flight per tree (hashing or being stored).</summary>
    public const long DefaultBudgetBytes = 8L << 20;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _putGate = new(1, 1);
    private long _inFlight;
    private TaskCompletionSource? _freed;

    public LeafWriteQueue(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        BudgetBytes = budgetBytes;
    }

    public long BudgetBytes { get; }

    /// <summary>Bytes of leaves in flight now.</summary>
    public long InFlightBytes
    {
        get { lock (_gate) return _inFlight; }
    }

    /// <summary>Waits until a leaf of <paramref name="bytes"/> fits in the budget and reserves it (all or nothing,
    /// so writers never deadlock on partial reservations; a leaf larger than the budget goes alone).</summary>
    public async ValueTask WaitRoomAsync(int bytes, CancellationToken ct)
    {
        while (true)
        {
            Task freed;
            lock (_gate)
            {
                if (_inFlight == 0 || _inFlight + bytes <= BudgetBytes)
                {
                    _inFlight += bytes;
                    return;
                }
                freed = (_freed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            await freed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reserves <paramref name="bytes"/> if they fit now (all or nothing); false when the caller must wait.</summary>
    public bool TryReserve(int bytes)
    {
        lock (_gate)
        {
            if (_inFlight != 0 && _inFlight + bytes > BudgetBytes) return false;
            _inFlight += bytes;
            return true;
        }
    }

    private void Release(int bytes)
    {
        TaskCompletionSource? freed;
        lock (_gate)
        {
            _inFlight -= bytes;
            freed = _freed;
            _freed = null;
        }
        freed?.TrySetResult();
    }

    /// <summary>
    /// Queues the leaf to be encoded in its buffer and stored (room reserved by <see cref="WaitRoomAsync"/> or
    /// <see cref="TryReserve"/>, given back when done). The buffer belongs to the block from now on: its chunk must
    /// not change. A few drain workers (one per core, at most two) take queued leaves in order, so a stream of leaves
    /// costs a thread wake-up per burst rather than one per leaf.
    /// </summary>
    public Task<EncodedBlock> Start(DagBlocks blocks, byte[] buffer, int length)
    {
        var item = new Work(blocks, buffer, length, new TaskCompletionSource<EncodedBlock>(TaskCreationOptions.RunContinuationsAsynchronously));
        _work.Enqueue(item);
        while (true)
        {
            int running = Volatile.Read(ref _workers);
            if (running >= MaxWorkers || (running > 0 && _work.Count <= 1)) break;
            if (Interlocked.CompareExchange(ref _workers, running + 1, running) == running)
            {
                _ = Task.Run(DrainAsync);
                break;
            }
        }
        return item.Done.Task;
    }

    private static readonly int MaxWorkers = Math.Clamp(Environment.ProcessorCount, 1, 2);
    private readonly System.Collections.Concurrent.ConcurrentQueue<Work> _work = new();
    private int _workers;

    private async Task DrainAsync()
    {
        while (true)
        {
            while (_work.TryDequeue(out var item)) await StoreAsync(item).ConfigureAwait(false);
            Interlocked.Decrement(ref _workers);
            // a leaf queued after the last look but before the decrement saw a worker running: take it over
            if (_work.IsEmpty) return;
            int running = Volatile.Read(ref _workers);
            if (running >= MaxWorkers || Interlocked.CompareExchange(ref _workers, running + 1, running) != running) return;
        }
    }

    private async ValueTask StoreAsync(Work item)
    {
        try
        {
            var block = item.Blocks.LeafInPlace(item.Buffer, item.Length);
            await _putGate.WaitAsync().ConfigureAwait(false); // one put at a time: concurrent RocksDB writers spin
            try { await item.Blocks.PutAsync(block, CancellationToken.None).ConfigureAwait(false); }
            finally { _putGate.Release(); }
            item.Done.SetResult(block);
        }
        catch (Exception e)
        {
            item.Done.SetException(e);
        }
        finally
        {
            Release(item.Blocks.Layout.ChunkSize);
        }
    }

    private sealed record Work(DagBlocks Blocks, byte[] Buffer, int Length, TaskCompletionSource<EncodedBlock> Done);
}
