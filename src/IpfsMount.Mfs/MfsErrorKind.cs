// What went wrong in an MFS operation; adapters map each kind to one errno/NTSTATUS.
namespace IpfsMount.Mfs;

public enum MfsErrorKind
{
    /// <summary>ENOENT: a path component does not exist.</summary>
    NotFound,
    /// <summary>EEXIST: the target exists (exclusive create, mkdir).</summary>
    AlreadyExists,
    /// <summary>ENOTEMPTY: rmdir or rename over a non-empty directory.</summary>
    NotEmpty,
    /// <summary>ENOTDIR: a path component or the target is not a directory.</summary>
    NotADirectory,
    /// <summary>EISDIR: a file operation on a directory.</summary>
    IsADirectory,
    /// <summary>EINVAL: bad path, negative offset, rename into itself, …</summary>
    InvalidArgument,
    /// <summary>EPERM/ENOTSUP: hard links and other operations UnixFS cannot represent.</summary>
    NotSupported,
    /// <summary>EIO: a block is not valid UnixFS.</summary>
    InvalidData,
    /// <summary>EBADF: the handle is closed or not open for this access.</summary>
    BadHandle,
}
