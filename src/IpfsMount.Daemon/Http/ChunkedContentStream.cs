// The read-only stream of one file's content inside the entry framing: varint-length chunks ending with 0.
namespace IpfsMount.Daemon.Http;

internal sealed class ChunkedContentStream(EntryFrameReader reader) : Stream
{
    private ulong _leftInChunk;
    private bool _done;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.Length == 0) return 0;
        if (_leftInChunk == 0)
        {
            _leftInChunk = await reader.ReadVarintAsync(cancellationToken);
            if (_leftInChunk == 0)
            {
                _done = true;
                return 0;
            }
        }
        var want = (int)Math.Min((ulong)buffer.Length, _leftInChunk);
        var n = await reader.ReadAsync(buffer[..want], cancellationToken);
        if (n == 0) throw new EndOfStreamException("entry stream ended inside a file");
        _leftInChunk -= (ulong)n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public async Task DrainAsync(CancellationToken ct)
    {
        var scratch = new byte[16 * 1024];
        while (await ReadAsync(scratch, ct) > 0)
        {
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
