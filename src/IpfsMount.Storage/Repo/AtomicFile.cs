// Crash-safe small-file writes: temp file with the final mode, fsync, rename over the target, fsync the directory.
namespace IpfsMount.Storage;

internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path) + ".tmp-" + Environment.ProcessId);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var fs = new FileStream(tmp, options))
        {
            fs.Write(content);
            fs.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is masked by the umask and ignored for an existing file: set it exactly.
            File.SetUnixFileMode(tmp, mode);
        }

        File.Move(tmp, path, overwrite: true);
        SyncDirectory(dir);
    }

    private static void SyncDirectory(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(dir, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException)
        {
            // Some file systems refuse fsync on a directory; the rename is still atomic.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
