// The error kinds the VFS reports; each adapter maps them to errno / NTSTATUS in its one table.
namespace IpfsMount.Vfs;

public enum VfsError
{
    NotFound,
    NotDirectory,
    IsDirectory,
    NotSymlink,
    ReadOnly,
    NoAttribute,
    TimedOut,
    InvalidHandle,
    NameTooLong,
    AlreadyExists,
    NotEmpty,
    InvalidArgument,
    NotPermitted,
    CrossDevice,
    BadHandle,
    Corrupt,
    NotSupported,
}
