// The one place where daemon components are registered: one line per component factory. A factory returns
// null when its component is not wanted for these options (e.g. no mount point given). A network component
// should also set context.Node.Addresses / Protocols so `ipfsmount id` reports them.
namespace IpfsMount.Daemon.Hosting;

public static class DaemonComponents
{
    /// <summary>Factories in start order; the daemon stops components in reverse order.</summary>
    public static IReadOnlyList<Func<DaemonContext, IDaemonComponent?>> Factories { get; } =
    [
        context => new Network.NetworkComponent(context), // offline: serves the swarm routes with a clear error, no host
        context => context.Options.Mount is { } mount ? new Mount.MountComponent(context, mount, context.Output) : null,
    ];
}
