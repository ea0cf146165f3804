// An open /mfs file: reads and writes go to the MfsFileHandle (the file's node, so it works after unlink);
// closing the last handle of a changed file commits (MfsOptions.CommitOnLastClose).
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public sealed class MfsTreeFileHandle(MfsTreeScope scope, MfsNodeRef node, MfsFileHandle handle) : IFileWriter
{
    /// <summary>After this many bytes written through one handle, the tree's pending changes are written to blocks and
    /// the working root is recorded (no version), in the background: a long write without fsync holds GC back and
    /// leaves its tail unreferenced for at most this much. (Full leaves are stored as they are written anyway.)</summary>
    public const long SpillBytes = 128L << 20;

    private readonly Lock _gate = new();
    private long _unspilled;
    private Task _spill = Task.CompletedTask;

    public long Length => scope.Tree.Describe(node).Size;

    /// <summary>The spill started last (completed when none runs).</summary>
    public Task PendingSpill
    {
        get { lock (_gate) return _spill; }
    }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) => handle.ReadAsync(offset, buffer, ct);

    public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await handle.WriteAsync(offset, data, ct).ConfigureAwait(false);
        Written(data.Length);
    }

    public bool TryWrite(long offset, ReadOnlySpan<byte> data)
    {
        if (!handle.TryWrite(offset, data)) return false;
        Written(data.Length);
        return true;
    }

    private void Written(int bytes)
    {
        if (Interlocked.Add(ref _unspilled, bytes) < SpillBytes) return;
        lock (_gate)
        {
            if (!_spill.IsCompleted) return; // one at a time; the next write past the mark starts the next one
            Interlocked.Exchange(ref _unspilled, 0);
            _spill = SpillAsync();
        }
    }

    /// <summary>Writes the tree's pending blocks without holding up the writer (it waits only for the file's lock
    /// while its part is flushed). A failure is not lost: the blocks stay pending for the next flush, which reports it.</summary>
    private async Task SpillAsync()
    {
        await Task.Yield();
        try { await scope.Tree.WriteBlocksAsync(CancellationToken.None).ConfigureAwait(false); }
        catch (Exception) { /* retried by the next commit, which reports errors */ }
    }

    public ValueTask TruncateAsync(long length, CancellationToken ct) => handle.TruncateAsync(length, ct);

    public async ValueTask DisposeAsync()
    {
        Task spill;
        lock (_gate) spill = _spill;
        await spill.ConfigureAwait(false); // never outlive the handle: the tree (and its store) may be closed next
        await handle.DisposeAsync().ConfigureAwait(false);
    }
}
