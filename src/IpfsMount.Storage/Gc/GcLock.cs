// Async reader/writer lock between writers (add, pin, MFS commit: shared) and GC (exclusive), so GC never sweeps
// blocks that were written but not yet pinned. Writers never wait for a GC that is only waiting (no deadlock when a
// writer holding a lease calls Pins.AddAsync, which enters again); GC waits until no writer holds a lease.
namespace IpfsMount.Storage;

public sealed class GcLock
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _collectors = new(1, 1);
    private int _shared;
    private TaskCompletionSource? _gcDone;
    private TaskCompletionSource? _drained;

    /// <summary>Number of shared leases held now.</summary>
    public int SharedHolders
    {
        get
        {
            lock (_gate)
            {
                return _shared;
            }
        }
    }

    /// <summary>Hold this from the first block written until the data is pinned or referenced by an MFS root.
    /// Waits only while a GC is actually marking or sweeping.</summary>
    public async Task<IDisposable> EnterSharedAsync(CancellationToken ct = default)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_gcDone is null)
                {
                    _shared++;
                    return new Lease(this, exclusive: false);
                }

                wait = _gcDone.Task;
            }

            await wait.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Taken by the garbage collector for mark and sweep: waits until no writer holds a lease.</summary>
    public async Task<IDisposable> EnterExclusiveAsync(CancellationToken ct = default)
    {
        await _collectors.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_shared == 0)
                    {
                        _gcDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        return new Lease(this, exclusive: true);
                    }

                    _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _drained.Task;
                }

                await wait.WaitAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            _collectors.Release();
            throw;
        }
    }

    private void ExitShared()
    {
        lock (_gate)
        {
            if (--_shared == 0 && _drained is not null)
            {
                _drained.TrySetResult();
                _drained = null;
            }
        }
    }

    private void ExitExclusive()
    {
        lock (_gate)
        {
            _gcDone!.TrySetResult();
            _gcDone = null;
        }

        _collectors.Release();
    }

    private sealed class Lease(GcLock owner, bool exclusive) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            if (exclusive)
            {
                owner.ExitExclusive();
            }
            else
            {
                owner.ExitShared();
            }
        }
    }
}
