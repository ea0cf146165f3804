// Starts the kernel's writeback of freshly appended pack bytes (Linux sync_file_range(2), SYNC_FILE_RANGE_WRITE), so
// the disk writes them while an import goes on and the fsync at the next commit point has little left to do.
namespace IpfsMount.Storage;

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Writeback
{
    private const uint SyncFileRangeWrite = 2;

    private static bool _unsupported = !OperatingSystem.IsLinux();

    /// <summary>Asks the kernel to start writing [offset, offset+count) of the file back; returns at once when the
    /// pages are queued (or when the platform or file system cannot do it: the fsync at the commit point still does).</summary>
    public static void Start(SafeFileHandle handle, long offset, long count)
    {
        if (_unsupported || count <= 0)
        {
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (SyncFileRange((int)handle.DangerousGetHandle(), offset, count, SyncFileRangeWrite) != 0
                && Marshal.GetLastPInvokeError() is 38 or 95) // ENOSYS, EOPNOTSUPP
            {
                _unsupported = true;
            }
        }
        catch (ObjectDisposedException)
        {
            // retired meanwhile: nothing to write back
        }
        catch (EntryPointNotFoundException)
        {
            _unsupported = true;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);
}
