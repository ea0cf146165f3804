// `files read` as a stream: positional reads of an open MFS file handle between two offsets, block by block as
// the consumer pulls (an HTTP response or stdout), so a large file is never held whole in memory.
using IpfsMount.Mfs;

namespace IpfsMount.Daemon.Local;

internal sealed class MfsReadStream : Stream
{
    private readonly MfsFileHandle _handle;
    private readonly long _start;
    private readonly long _end;
    private long _position;

    public MfsReadStream(MfsFileHandle handle, long start, long end)
    {
        _handle = handle;
        _start = start;
        _end = end;
        _position = start;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _end - _start;
    public override long Position { get => _position - _start; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        long left = _end - _position;
        if (left <= 0 || buffer.IsEmpty) return 0;
        int n = await _handle.ReadAsync(_position, buffer[..(int)Math.Min(buffer.Length, left)], cancellationToken);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask DisposeAsync()
    {
        await _handle.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _handle.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
