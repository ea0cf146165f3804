// glibc malloc tuning for the long-running mount process (mallopt(3): M_ARENA_MAX, as MALLOC_ARENA_MAX would set it).
using System.Runtime.InteropServices;

namespace IpfsMount.Cli.Commands;

internal static partial class NativeHeap
{
    private const int MArenaMax = -8; // malloc.h
    private const int MountArenas = 2;

    public const string ArenaVariable = "MALLOC_ARENA_MAX";

    /// <summary>The MALLOC_ARENA_MAX a background mount process is started with (the user's, else 2).</summary>
    public static string ArenaLimitForChild =>
        Environment.GetEnvironmentVariable(ArenaVariable) ?? MountArenas.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Every block the mount reads from RocksDB is malloc'd (256 KiB leaves) on whichever thread-pool thread reads
    /// it; glibc gives each such thread its own arena and keeps freed chunks there, about 10 MB per arena and
    /// ~50 MB for the process when streaming. Two arenas bound that. glibc applies the limit only to arenas made
    /// after the call, so a foreground mount gets part of the gain; `--background`, mount.ipfsmount and the systemd
    /// unit start the process with MALLOC_ARENA_MAX set, which bounds them all. A value set by the user wins.
    /// </summary>
    public static void LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(ArenaVariable) is not null) return;
        try
        {
            MallOpt(MArenaMax, MountArenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // not glibc (e.g. musl): nothing to tune
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
