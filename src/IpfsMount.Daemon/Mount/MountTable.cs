// What the kernel has mounted where (/proc/self/mountinfo), stale FUSE mounts, and unmounting from outside.
using System.Diagnostics;

namespace IpfsMount.Daemon.Mount;

public static class MountTable
{
    /// <summary>True when <paramref name="directory"/> is a mount point of a FUSE file system.</summary>
    public static bool IsFuseMount(string directory)
    {
        var full = Path.GetFullPath(directory).TrimEnd('/');
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // fields: id parent major:minor root mountpoint options ... - fstype source superopts
            var parts = line.Split(' ');
            if (parts.Length < 5 || Unescape(parts[4]) != full) continue;
            var dash = Array.IndexOf(parts, "-");
            if (dash > 0 && dash + 1 < parts.Length && parts[dash + 1].StartsWith("fuse", StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>A FUSE mount whose server died (e.g. SIGKILL): every access fails with ENOTCONN.</summary>
    public static bool IsStale(string directory)
    {
        if (!IsFuseMount(directory)) return false;
        try
        {
            Directory.GetFileSystemEntries(directory);
            return false;
        }
        catch (IOException)
        {
            return true; // "Transport endpoint is not connected"
        }
    }

    /// <summary>Unmounts a FUSE mount (fusermount3 -u, then a lazy umount when busy); true when it is gone.</summary>
    public static async Task<bool> UnmountAsync(string directory, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(directory);
        if (!IsFuseMount(full)) return true;
        if (await RunAsync("fusermount3", ["-u", full], ct).ConfigureAwait(false) == 0 && !IsFuseMount(full)) return true;
        await RunAsync("umount", ["-l", full], ct).ConfigureAwait(false);
        return !IsFuseMount(full);
    }

    private static async Task<int> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // tool not installed
        }
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
