// The kinds of node the virtual file system exposes (POSIX file types we need).
namespace IpfsMount.Vfs;

public enum VfsNodeKind
{
    Directory,
    File,
    Symlink,
}
