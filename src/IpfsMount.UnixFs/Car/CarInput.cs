// Buffered, position-tracking reads from a CAR stream (varints, exact-length reads, skips); one block at a time.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

internal sealed class CarInput(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _pos;
    private int _len;

    /// <summary>Bytes consumed since the reader was created.</summary>
    public long Position { get; private set; }

    /// <summary>Reads a multiformats varint; null at a clean end of stream before its first byte.</summary>
    public async ValueTask<ulong?> ReadVarintAsync(string what, CancellationToken ct)
    {
        long start = Position;
        ulong v = 0;
        for (int i = 0; i < Varint.MaxLength; i++)
        {
            if (_pos == _len && !await FillAsync(ct).ConfigureAwait(false))
            {
                if (i == 0) return null;
                throw new InvalidCarException($"CAR is truncated: {what} at offset {start} ends inside its varint");
            }
            byte b = _buffer[_pos++];
            Position++;
            v |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0) throw new InvalidCarException($"{what} at offset {start}: varint is not minimally encoded");
                return v;
            }
        }
        throw new InvalidCarException($"{what} at offset {start}: varint is longer than {Varint.MaxLength} bytes");
    }

    public async ValueTask ReadExactlyAsync(Memory<byte> dest, string what, CancellationToken ct)
    {
        long start = Position;
        int done = 0;
        while (done < dest.Length)
        {
            if (_pos < _len)
            {
                int n = Math.Min(_len - _pos, dest.Length - done);
                _buffer.AsMemory(_pos, n).CopyTo(dest[done..]);
                _pos += n;
                done += n;
                continue;
            }
            int remaining = dest.Length - done;
            if (remaining >= _buffer.Length)
            {
                int read = await stream.ReadAsync(dest[done..], ct).ConfigureAwait(false);
                if (read == 0) throw Truncated(what, start, dest.Length, done);
                done += read;
            }
            else if (!await FillAsync(ct).ConfigureAwait(false))
            {
                throw Truncated(what, start, dest.Length, done);
            }
        }
        Position = start + dest.Length;
    }

    public async ValueTask SkipAsync(long count, string what, CancellationToken ct)
    {
        long start = Position;
        while (count > 0)
        {
            if (_pos == _len && !await FillAsync(ct).ConfigureAwait(false))
                throw new InvalidCarException($"CAR is truncated: {what} at offset {start} ends early");
            int n = (int)Math.Min(count, _len - _pos);
            _pos += n;
            Position += n;
            count -= n;
        }
    }

    private static InvalidCarException Truncated(string what, long start, int needed, int got) =>
        new($"CAR is truncated: {what} at offset {start} needs {needed} bytes but the stream ended after {got}");

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _pos = 0;
        _len = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
        return _len > 0;
    }
}
