// The one table that maps exceptions from the VFS and below to the errno a FUSE reply carries.
using IpfsMount.Vfs;

namespace IpfsMount.Fuse;

public static class ErrnoTable
{
    /// <summary>The errno for <paramref name="error"/>; unknown failures are EIO, never a crash.</summary>
    public static int For(Exception error) => error switch
    {
        VfsException v => For(v.Error),
        AggregateException { InnerExceptions.Count: 1 } a => For(a.InnerExceptions[0]),
        OperationCanceledException => Errno.EINTR, // the request was interrupted
        OutOfMemoryException => Errno.ENOMEM,
        _ => Errno.EIO, // missing or corrupt blocks, I/O errors, bugs
    };

    public static int For(VfsError error) => error switch
    {
        VfsError.NotFound => Errno.ENOENT,
        VfsError.NotDirectory => Errno.ENOTDIR,
        VfsError.IsDirectory => Errno.EISDIR,
        VfsError.NotSymlink => Errno.EINVAL,
        VfsError.ReadOnly => Errno.EROFS,
        VfsError.NoAttribute => Errno.ENODATA,
        VfsError.TimedOut => Errno.EIO,
        VfsError.InvalidHandle => Errno.ESTALE,
        VfsError.NameTooLong => Errno.ENAMETOOLONG,
        VfsError.AlreadyExists => Errno.EEXIST,
        VfsError.NotEmpty => Errno.ENOTEMPTY,
        VfsError.InvalidArgument => Errno.EINVAL,
        VfsError.NotPermitted => Errno.EPERM,
        VfsError.CrossDevice => Errno.EXDEV,
        VfsError.BadHandle => Errno.EBADF,
        VfsError.Corrupt => Errno.EIO,
        VfsError.NotSupported => Errno.EOPNOTSUPP,
        _ => Errno.EIO,
    };
}
