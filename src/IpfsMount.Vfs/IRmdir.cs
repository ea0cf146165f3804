// Capability: a directory that removes an empty subdirectory.
namespace IpfsMount.Vfs;

public interface IRmdir
{
    ValueTask RmdirAsync(string name, CancellationToken ct);
}
