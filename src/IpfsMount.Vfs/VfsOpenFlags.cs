// How a file is opened (O_RDONLY/O_WRONLY/O_RDWR, O_TRUNC, O_APPEND, O_CREAT, O_EXCL), platform neutral.
namespace IpfsMount.Vfs;

[Flags]
public enum VfsOpenFlags
{
    None = 0,
    Read = 1,
    Write = 2,
    ReadWrite = Read | Write,
    Truncate = 4,
    Append = 8,
    Create = 16,
    Exclusive = 32,
}
