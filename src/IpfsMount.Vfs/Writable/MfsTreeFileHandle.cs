// An open /mfs file: reads and writes go to the MfsFileHandle (the file's node, so it works after unlink);
// closing the last handle of a changed file commits (MfsOptions.CommitOnLastClose).
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public sealed class MfsTreeFileHandle(MfsTreeScope scope, MfsNodeRef node, MfsFileHandle handle) : IFileWriter
{
    public long Length => scope.Tree.Describe(node).Size;

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) => handle.ReadAsync(offset, buffer, ct);

    public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct) =>
        await handle.WriteAsync(offset, data, ct).ConfigureAwait(false);

    public ValueTask TruncateAsync(long length, CancellationToken ct) => handle.TruncateAsync(length, ct);

    public ValueTask DisposeAsync() => handle.DisposeAsync();
}
