// Async reader/writer lock between writers (add, pin, MFS commit: shared) and GC (exclusive), so GC never sweeps
// blocks that were written but not yet pinned. Writer-preferring: a waiting GC holds back new shared holders.
// Shared entry is reentrant along one async flow (a writer holding a lease may call Pins.AddAsync, which enters too).
namespace IpfsMount.Storage;

public sealed class GcLock
{
    private readonly SemaphoreSlim _turnstile = new(1, 1);
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly AsyncLocal<Holder?> _held = new();
    private int _shared;

    /// <summary>Hold this from the first block written until the data is pinned or referenced by an MFS root.</summary>
    public Task<IDisposable> EnterSharedAsync(CancellationToken ct = default)
    {
        if (_held.Value is { Active: true })
        {
            return Task.FromResult<IDisposable>(new Holder());
        }

        // Set here, in a non-async method, so the marker flows to the caller's async context.
        var holder = new Holder();
        _held.Value = holder;
        return EnterSharedCoreAsync(holder, ct);
    }

    private async Task<IDisposable> EnterSharedCoreAsync(Holder holder, CancellationToken ct)
    {
        await _turnstile.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Interlocked.Increment(ref _shared) == 1)
            {
                try
                {
                    await _exclusive.WaitAsync(ct).ConfigureAwait(false);
                }
                catch
                {
                    Interlocked.Decrement(ref _shared);
                    throw;
                }
            }
        }
        finally
        {
            _turnstile.Release();
        }

        holder.Active = true;
        return new Lease(this, exclusive: false, holder);
    }

    /// <summary>Taken by the garbage collector for mark and sweep.</summary>
    public async Task<IDisposable> EnterExclusiveAsync(CancellationToken ct = default)
    {
        await _turnstile.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _exclusive.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _turnstile.Release();
        }

        return new Lease(this, exclusive: true, null);
    }

    private void ExitShared()
    {
        if (Interlocked.Decrement(ref _shared) == 0)
        {
            _exclusive.Release();
        }
    }

    /// <summary>Marks an async flow that holds a shared lease; also the no-op lease of a nested entry.</summary>
    private sealed class Holder : IDisposable
    {
        public volatile bool Active;

        public void Dispose()
        {
        }
    }

    private sealed class Lease(GcLock owner, bool exclusive, Holder? holder) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            if (holder is not null)
            {
                holder.Active = false;
            }

            if (exclusive)
            {
                owner._exclusive.Release();
            }
            else
            {
                owner.ExitShared();
            }
        }
    }
}
