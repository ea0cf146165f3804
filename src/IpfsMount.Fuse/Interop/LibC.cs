// The few libc calls the mount lifecycle needs (stat for the connection id, umount2 as a last resort).
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

internal static unsafe partial class LibC
{
    public const int MntDetach = 2;

    [LibraryImport("libc.so.6", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatPath(string path, Stat* buffer);

    [LibraryImport("libc.so.6", EntryPoint = "mount", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Mount(string source, string target, string fsType, ulong flags, nint data);

    [LibraryImport("libc.so.6", EntryPoint = "umount2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Umount2(string target, int flags);
}
