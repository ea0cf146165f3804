// Capability: a directory that creates subdirectories.
namespace IpfsMount.Vfs;

public interface IMkdir
{
    ValueTask<VfsNode> MkdirAsync(string name, uint mode, CancellationToken ct);
}
