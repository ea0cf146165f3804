// The few libc calls the mount lifecycle needs (stat for the connection id, umount2 as a last resort).
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

internal static unsafe partial class LibC
{
    public const int MntDetach = 2;

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatPath(string path, Stat* buffer);

    [LibraryImport("libc", EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Umount2(string target, int flags);
}
