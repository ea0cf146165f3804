// Capability: a directory that creates regular files (create/mknod), optionally opening the new file at once.
namespace IpfsMount.Vfs;

public interface ICreate
{
    /// <summary>
    /// Creates <paramref name="name"/> with permission bits <paramref name="mode"/> (an existing file is opened
    /// unless <see cref="VfsOpenFlags.Exclusive"/>); returns no handle when <paramref name="flags"/> asks for no access.
    /// </summary>
    ValueTask<(VfsNode Node, IFileWriter? Handle)> CreateAsync(string name, uint mode, VfsOpenFlags flags, CancellationToken ct);
}
