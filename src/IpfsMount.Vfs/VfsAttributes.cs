// Attributes of one node, platform neutral: FUSE turns them into struct stat, Dokan into file information.
namespace IpfsMount.Vfs;

/// <param name="Kind">directory, regular file or symlink.</param>
/// <param name="Size">bytes of content (file), target length (symlink), 0 for directories.</param>
/// <param name="Mode">permission bits only (e.g. 0o444); the file type comes from <paramref name="Kind"/>.</param>
/// <param name="Mtime">modification time (UnixFS metadata when present, else the Unix epoch).</param>
/// <param name="BlockSize">preferred I/O size reported to tools (st_blksize).</param>
public readonly record struct VfsAttributes(VfsNodeKind Kind, long Size, uint Mode, DateTimeOffset Mtime, int BlockSize)
{
    public static VfsAttributes Directory(uint mode = 0b101_101_101) =>
        new(VfsNodeKind.Directory, 0, mode, DateTimeOffset.UnixEpoch, 4096);
}
