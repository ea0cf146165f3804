// Chooses how a command reaches the node: through the daemon when `<repo>/api` exists and the daemon answers,
// else by opening the repo in this process.
using IpfsMount.Daemon.Api;
using IpfsMount.Daemon.Http;
using IpfsMount.Daemon.Local;

namespace IpfsMount.Daemon;

public static class NodeConnector
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<INodeApi> ConnectAsync(string repoPath, CancellationToken ct = default)
    {
        if (ApiAddress.TryRead(repoPath) is { } address && await RemoteNode.AnswersAsync(address, ProbeTimeout))
            return new RemoteNode(address);
        ct.ThrowIfCancellationRequested();
        return new LocalNode(repoPath);
    }
}
