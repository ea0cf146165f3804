// Writes the entry framing (see EntryFrames.cs); file content goes as length-prefixed chunks, so streams of
// unknown length (stdin) are sent without buffering.
using System.Buffers;
using System.Text;

namespace IpfsMount.Daemon.Http;

public sealed class EntryFrameWriter(Stream output)
{
    private const int ChunkSize = 256 * 1024;
    private readonly byte[] _header = new byte[32];

    public Task DirectoryAsync(string path, uint? mode, long? mtime, CancellationToken ct) =>
        HeaderAsync(EntryKind.Directory, path, mode, mtime, ct);

    public async Task SymlinkAsync(string path, string target, long? mtime, CancellationToken ct)
    {
        await HeaderAsync(EntryKind.Symlink, path, null, mtime, ct);
        await WriteStringAsync(target, ct);
    }

    /// <summary>Copies content as chunks; onBytes (if set) is told the running total after each chunk.</summary>
    public async Task FileAsync(string path, uint? mode, long? mtime, Stream content, Action<long>? onBytes, CancellationToken ct)
    {
        await HeaderAsync(EntryKind.File, path, mode, mtime, ct);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            int n;
            while ((n = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
            {
                await WriteVarintAsync((ulong)n, ct);
                await output.WriteAsync(buffer.AsMemory(0, n), ct);
                total += n;
                onBytes?.Invoke(total);
            }
            await WriteVarintAsync(0, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task EndAsync(CancellationToken ct)
    {
        _header[0] = (byte)EntryKind.End;
        await output.WriteAsync(_header.AsMemory(0, 1), ct);
        await output.FlushAsync(ct);
    }

    private async Task HeaderAsync(EntryKind kind, string path, uint? mode, long? mtime, CancellationToken ct)
    {
        await WriteHeadAsync(kind, path, ct);
        await WriteVarintAsync(mode is { } m ? (ulong)m + 1 : 0, ct);
        await WriteVarintAsync(mtime is { } t ? (ulong)t + 1 : 0, ct);
    }

    private async Task WriteHeadAsync(EntryKind kind, string path, CancellationToken ct)
    {
        _header[0] = (byte)kind;
        await output.WriteAsync(_header.AsMemory(0, 1), ct);
        await WriteStringAsync(path, ct);
    }

    private async Task WriteStringAsync(string text, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await WriteVarintAsync((ulong)bytes.Length, ct);
        await output.WriteAsync(bytes, ct);
    }

    private async Task WriteVarintAsync(ulong value, CancellationToken ct)
    {
        var n = 0;
        while (value >= 0x80)
        {
            _header[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _header[n++] = (byte)value;
        await output.WriteAsync(_header.AsMemory(0, n), ct);
    }
}
