// Capability: a directory that creates symlinks.
namespace IpfsMount.Vfs;

public interface ISymlink
{
    ValueTask<VfsNode> SymlinkAsync(string name, string target, CancellationToken ct);
}
