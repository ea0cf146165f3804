// Kernel-facing options of one FUSE mount: request sizes, threads, mount flags.
namespace IpfsMount.Fuse;

public sealed record FuseMountOptions
{
    /// <summary>Largest read/write request asked for (max_pages is derived from it; the kernel may grant less).</summary>
    public int MaxRequestBytes { get; init; } = 1 << 20;

    /// <summary>Kernel read-ahead window asked for.</summary>
    public int MaxReadaheadBytes { get; init; } = 1 << 20;

    /// <summary>FUSE worker threads; they never block on blocks (replies are asynchronous), so few are needed.</summary>
    public int MaxThreads { get; init; } = 8;

    /// <summary>Let users other than the mounting one see the mount (needs root or user_allow_other).</summary>
    public bool AllowOther { get; init; }

    /// <summary>Name shown in /proc/mounts (fsname) and the fuse.&lt;subtype&gt; type.</summary>
    public string FsName { get; init; } = "ipfsmount";

    /// <summary>Where failures answered with EIO or ENOMEM are written, a line each (null: standard error, which a
    /// background mount sends to its log file).</summary>
    public TextWriter? ErrorLog { get; init; }

    /// <summary>How long unmount waits for in-flight requests and the session loop before giving up.</summary>
    public TimeSpan UnmountTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
