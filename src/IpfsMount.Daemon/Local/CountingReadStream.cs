// A read-only pass-through stream that counts bytes and reports the total every `step` bytes (add --progress).
namespace IpfsMount.Daemon.Local;

internal sealed class CountingReadStream(Stream inner, Action<long>? report, long step) : Stream
{
    private long _total;
    private readonly long _step = step;
    private long _nextReport = step;

    public long Total => _total;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _total; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public void ReportFinal() => report?.Invoke(_total);

    private int Count(int n)
    {
        _total += n;
        if (report is not null && _total >= _nextReport)
        {
            report(_total);
            _nextReport = _total + _step;
        }
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
