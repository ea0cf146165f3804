// Capability: a file node whose content can be opened for random-access reads.
namespace IpfsMount.Vfs;

public interface IReadableFile
{
    ValueTask<IFileReader> OpenReadAsync(CancellationToken ct);
}
