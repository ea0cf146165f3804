// Capability: a symlink node and its target.
namespace IpfsMount.Vfs;

public interface IReadLink
{
    ValueTask<string> ReadLinkAsync(CancellationToken ct);
}
