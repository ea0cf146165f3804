// POSIX-shaped open flags for MFS files (O_RDONLY/O_WRONLY/O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND).
namespace IpfsMount.Mfs;

[Flags]
public enum MfsOpenFlags
{
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
    Create = 4,
    Exclusive = 8,
    Truncate = 16,
    Append = 32,
}
