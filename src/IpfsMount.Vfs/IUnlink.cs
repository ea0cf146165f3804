// Capability: a directory that removes a file or symlink entry (open handles of a file stay usable).
namespace IpfsMount.Vfs;

public interface IUnlink
{
    ValueTask UnlinkAsync(string name, CancellationToken ct);
}
