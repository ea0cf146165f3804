// Chooses how a command reaches the node: through the daemon when `<repo>/api` exists and the daemon answers,
// else by opening the repo in this process.
using IpfsMount.Daemon.Api;
using IpfsMount.Daemon.Http;
using IpfsMount.Daemon.Local;
using IpfsMount.Storage;

namespace IpfsMount.Daemon;

public static class NodeConnector
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<INodeApi> ConnectAsync(string repoPath, CancellationToken ct = default)
    {
        if (ApiAddress.TryRead(repoPath) is not { } address) return new LocalNode(repoPath);
        if (await RemoteNode.AnswersAsync(address, ProbeTimeout)) return new RemoteNode(address);
        ct.ThrowIfCancellationRequested();

        // No answer: either the api file is stale, or the daemon is slow. The repo lock tells which.
        var local = new LocalNode(repoPath);
        try
        {
            _ = local.Repo;
            return local;
        }
        catch (RepoLockedException)
        {
            await local.DisposeAsync();
            return new RemoteNode(address);
        }
        catch (RepoNotFoundException)
        {
            return local; // e.g. `add -n`, which needs no repo; other verbs report the missing repo
        }
    }
}
