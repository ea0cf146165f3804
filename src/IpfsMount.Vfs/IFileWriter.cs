// An open file that can also be written: positional writes and truncation (go-fuse's FileWriter/FileSetattrer).
namespace IpfsMount.Vfs;

public interface IFileWriter : IFileReader
{
    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/> (at the end when opened for append).</summary>
    ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct);

    ValueTask TruncateAsync(long length, CancellationToken ct);

    /// <summary>Writes <paramref name="data"/> now if that needs no I/O and no waiting (so a FUSE write can be copied
    /// once, from the kernel's buffer, before the callback returns); false when nothing was written.</summary>
    bool TryWrite(long offset, ReadOnlySpan<byte> data) => false;
}
