// The libc calls the model test applies to both trees, returning 0 or the errno name, so results can be compared
// exactly (POSIX.1-2017: open, pwrite, pread, ftruncate, truncate, rename, unlink, mkdir, rmdir, symlink, chmod; lgetxattr).
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Tests.MfsWrite;

internal static partial class Posix
{
    public const int ReadOnly = 0, WriteOnly = 1, ReadWrite = 2, Create = 0x40, Exclusive = 0x80, TruncateFlag = 0x200, Append = 0x400;

    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "EPERM", [2] = "ENOENT", [5] = "EIO", [9] = "EBADF", [13] = "EACCES", [16] = "EBUSY", [17] = "EEXIST",
        [18] = "EXDEV", [20] = "ENOTDIR", [21] = "EISDIR", [22] = "EINVAL", [27] = "EFBIG", [28] = "ENOSPC",
        [30] = "EROFS", [31] = "EMLINK", [36] = "ENAMETOOLONG", [38] = "ENOSYS", [39] = "ENOTEMPTY", [40] = "ELOOP",
        [95] = "EOPNOTSUPP", [103] = "ECONNABORTED", [107] = "ENOTCONN",
    };

    public static string ErrnoName(int errno) => Names.TryGetValue(errno, out var n) ? n : "errno " + errno;

    /// <summary>"ok" or the errno name of the last failed call.</summary>
    public static string Check(int rc) => rc >= 0 ? "ok" : ErrnoName(Marshal.GetLastPInvokeError());

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static unsafe partial nint PWrite(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Truncate(string path, long length);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string from, string to);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unlink(string path);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkdir(string path, int mode);

    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rmdir(string path);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Symlink(string target, string path);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chmod(string path, int mode);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string from, string to);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint LGetXattr(string path, string name, byte* value, nint size);

    /// <summary>The value of an extended attribute (not following symlinks), or null with the errno name.</summary>
    public static unsafe string? GetXattr(string path, string name, out string error)
    {
        Span<byte> buffer = stackalloc byte[512];
        fixed (byte* p = buffer)
        {
            var n = LGetXattr(path, name, p, buffer.Length);
            error = n < 0 ? ErrnoName(Marshal.GetLastPInvokeError()) : "ok";
            return n < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer[..(int)n]);
        }
    }

    /// <summary>pwrite of all of <paramref name="data"/> at <paramref name="offset"/>; "ok" or the errno name.</summary>
    public static unsafe string PWriteAll(int fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* p = data)
        {
            for (var done = 0; done < data.Length;)
            {
                var n = PWrite(fd, p + done, data.Length - done, offset + done);
                if (n < 0) return ErrnoName(Marshal.GetLastPInvokeError());
                if (n == 0) return "short write";
                done += (int)n;
            }
        }
        return "ok";
    }

    /// <summary>write(2) of all of <paramref name="data"/> at the file position (O_APPEND: at the end).</summary>
    public static unsafe string WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            for (var done = 0; done < data.Length;)
            {
                var n = Write(fd, p + done, data.Length - done);
                if (n < 0) return ErrnoName(Marshal.GetLastPInvokeError());
                if (n == 0) return "short write";
                done += (int)n;
            }
        }
        return "ok";
    }

    /// <summary>pread into <paramref name="buffer"/>; the byte count, or -errno.</summary>
    public static unsafe long PReadSome(int fd, Span<byte> buffer, long offset)
    {
        fixed (byte* p = buffer)
        {
            long total = 0;
            while (total < buffer.Length)
            {
                var n = PRead(fd, p + total, (nint)(buffer.Length - total), offset + total);
                if (n < 0) return -Marshal.GetLastPInvokeError();
                if (n == 0) break;
                total += n;
            }
            return total;
        }
    }
}
