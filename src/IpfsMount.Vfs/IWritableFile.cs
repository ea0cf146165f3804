// Capability: a file node that can be opened for writing (O_WRONLY/O_RDWR, O_TRUNC, O_APPEND).
namespace IpfsMount.Vfs;

public interface IWritableFile
{
    ValueTask<IFileWriter> OpenWriteAsync(VfsOpenFlags flags, CancellationToken ct);
}
