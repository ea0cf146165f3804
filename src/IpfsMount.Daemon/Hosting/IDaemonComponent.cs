// A part of the node that the daemon starts after its API is up and stops (in reverse order) on shutdown:
// the network (p2p), the FUSE mount (fuse), … Register a factory in DaemonComponents.cs.
using Microsoft.AspNetCore.Routing;

namespace IpfsMount.Daemon.Hosting;

public interface IDaemonComponent
{
    /// <summary>Short name used in logs and errors ("network", "mount").</summary>
    string Name { get; }

    /// <summary>Adds HTTP routes before the API starts (e.g. under /api/v0/swarm); optional.</summary>
    void MapEndpoints(IEndpointRouteBuilder api) { }

    Task StartAsync(CancellationToken ct);

    Task StopAsync(CancellationToken ct);
}
