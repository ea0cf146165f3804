// Capability: a node of a tree that can make its state durable (fsync/fsyncdir: MFS commits a version).
namespace IpfsMount.Vfs;

public interface ISync
{
    ValueTask SyncAsync(CancellationToken ct);
}
