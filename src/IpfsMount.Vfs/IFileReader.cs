// An open file's reader: positional reads, safe for concurrent calls at different offsets.
namespace IpfsMount.Vfs;

public interface IFileReader : IAsyncDisposable
{
    long Length { get; }

    /// <summary>Reads up to buffer.Length bytes at <paramref name="offset"/>; 0 at or past the end.</summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct);
}
