// Settings of `ipfsmount daemon`: where the API listens, and switches later components read.
namespace IpfsMount.Daemon.Hosting;

public sealed record DaemonOptions
{
    public required string RepoPath { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free port. Ignored when UnixSocket is set.</summary>
    public int ApiPort { get; init; }

    /// <summary>Listen on this Unix socket instead of TCP (e.g. &lt;repo&gt;/api.sock).</summary>
    public string? UnixSocket { get; init; }

    /// <summary>The FUSE mount the daemon serves (`ipfsmount mount`); null = no mount.</summary>
    public Mount.MountHostOptions? Mount { get; init; }

    /// <summary>Do not start networking.</summary>
    public bool Offline { get; init; }

    /// <summary>How long components and in-flight requests get to finish on shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
