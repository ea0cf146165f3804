// Capability: a directory node that enumerates its children (lazily, e.g. HAMT shards on demand).
namespace IpfsMount.Vfs;

public interface IDirectoryLister
{
    IAsyncEnumerable<VfsDirEntry> ListAsync(CancellationToken ct);
}
