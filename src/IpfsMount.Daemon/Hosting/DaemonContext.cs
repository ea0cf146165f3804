// What a daemon component gets to work with: the options, the open node (its repo), logging and the
// daemon's shutdown token.
using IpfsMount.Daemon.Local;
using Microsoft.Extensions.Logging;

namespace IpfsMount.Daemon.Hosting;

public sealed class DaemonContext(DaemonOptions options, LocalNode node, ILoggerFactory loggers, CancellationToken stopping)
{
    public DaemonOptions Options { get; } = options;

    /// <summary>The node served by the API; its Repo is open and locked for the daemon's lifetime.</summary>
    public LocalNode Node { get; } = node;

    public ILoggerFactory Loggers { get; } = loggers;

    /// <summary>Cancelled when the daemon begins to shut down.</summary>
    public CancellationToken Stopping { get; } = stopping;

    /// <summary>Asks the daemon to shut down (e.g. the mount was unmounted from outside).</summary>
    public Action RequestStop { get; init; } = () => { };

    /// <summary>Where components print what a user should see (the daemon's standard output).</summary>
    public TextWriter Output { get; init; } = TextWriter.Null;
}
