// An open /mfs file: reads and writes go to the MfsFileHandle (the file's node, so it works after unlink);
// closing the last handle of a changed file commits (MfsOptions.CommitOnLastClose).
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public sealed class MfsTreeFileHandle(MfsTreeScope scope, MfsNodeRef node, MfsFileHandle handle) : IFileWriter
{
    /// <summary>After this many bytes written through one handle, the tree's pending changes are written to blocks
    /// (no version): a file written without fsync, e.g. by `cp` of 1 GiB, never sits in memory as a whole.</summary>
    public const long SpillBytes = 32L << 20;

    private long _unspilled;

    public long Length => scope.Tree.Describe(node).Size;

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) => handle.ReadAsync(offset, buffer, ct);

    public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await handle.WriteAsync(offset, data, ct).ConfigureAwait(false);
        if (Interlocked.Add(ref _unspilled, data.Length) < SpillBytes) return;
        Interlocked.Exchange(ref _unspilled, 0);
        await scope.Tree.WriteBlocksAsync(ct).ConfigureAwait(false);
    }

    public ValueTask TruncateAsync(long length, CancellationToken ct) => handle.TruncateAsync(length, ct);

    public ValueTask DisposeAsync() => handle.DisposeAsync();
}
