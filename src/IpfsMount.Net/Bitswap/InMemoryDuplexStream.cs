// One end of an in-memory bidirectional byte stream (two System.IO.Pipelines pipes); used by InMemoryBitswapNetwork.
using System.IO.Pipelines;

namespace IpfsMount.Net.Bitswap;

public sealed class InMemoryDuplexStream : Stream
{
    private readonly Stream _read;
    private readonly Stream _write;
    private readonly PipeWriter _writer;
    private readonly PipeReader _reader;
    private int _disposed;

    private InMemoryDuplexStream(PipeReader reader, PipeWriter writer)
    {
        _reader = reader;
        _writer = writer;
        _read = reader.AsStream();
        _write = writer.AsStream();
    }

    /// <summary>Creates two connected ends: what one writes, the other reads.</summary>
    public static (InMemoryDuplexStream A, InMemoryDuplexStream B) CreatePair()
    {
        var ab = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        var ba = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        return (new InMemoryDuplexStream(ba.Reader, ab.Writer), new InMemoryDuplexStream(ab.Reader, ba.Writer));
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => _read.ReadAsync(buffer, ct);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _read.ReadAsync(buffer, offset, count, ct);
    public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => _write.WriteAsync(buffer, ct);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _write.WriteAsync(buffer, offset, count, ct);
    public override void Flush() => _write.Flush();
    public override Task FlushAsync(CancellationToken ct) => _write.FlushAsync(ct);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes our write side (the other end reads end-of-stream) and our read side.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _writer.Complete();
            _reader.Complete();
        }
        base.Dispose(disposing);
    }
}
