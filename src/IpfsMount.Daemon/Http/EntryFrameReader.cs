// Reads the entry framing (see EntryFrames.cs). A file's Content stream must be read (or is drained) before
// the next entry is returned.
using System.Text;

namespace IpfsMount.Daemon.Http;

public sealed class EntryFrameReader(Stream input)
{
    private const int MaxPathBytes = 64 * 1024;
    private readonly byte[] _one = new byte[1];
    private ChunkedContentStream? _open;
    private bool _ended;

    /// <summary>Returns the next entry, or null after the End entry.</summary>
    public async Task<EntryFrame?> NextAsync(CancellationToken ct)
    {
        if (_open is not null)
        {
            await _open.DrainAsync(ct);
            _open = null;
        }
        if (_ended) return null;
        var kind = (EntryKind)await ReadByteAsync(ct);
        if (kind == EntryKind.End)
        {
            _ended = true;
            return null;
        }
        if (kind is not (EntryKind.Directory or EntryKind.File or EntryKind.Symlink))
            throw new InvalidDataException($"bad entry stream: unknown entry kind {(byte)kind}");
        var path = await ReadStringAsync(ct);
        var mode = await ReadVarintAsync(ct);
        var mtime = await ReadVarintAsync(ct);
        var target = kind == EntryKind.Symlink ? await ReadStringAsync(ct) : null;
        Stream? content = kind == EntryKind.File ? _open = new ChunkedContentStream(this) : null;
        return new EntryFrame(kind, path, mode == 0 ? null : (uint)(mode - 1), mtime == 0 ? null : (long)(mtime - 1), target, content);
    }

    internal async ValueTask<ulong> ReadVarintAsync(CancellationToken ct)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = await ReadByteAsync(ct);
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("bad entry stream: varint too long");
    }

    internal ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) => input.ReadAsync(buffer, ct);

    private async ValueTask<byte> ReadByteAsync(CancellationToken ct)
    {
        if (await input.ReadAsync(_one, ct) == 0) throw new EndOfStreamException("entry stream ended early");
        return _one[0];
    }

    private async ValueTask<string> ReadStringAsync(CancellationToken ct)
    {
        var length = await ReadVarintAsync(ct);
        if (length > MaxPathBytes) throw new InvalidDataException($"bad entry stream: name of {length} bytes");
        var bytes = new byte[(int)length];
        await input.ReadExactlyAsync(bytes, ct);
        return Encoding.UTF8.GetString(bytes);
    }
}
