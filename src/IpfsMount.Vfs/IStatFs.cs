// Capability: a node that knows the space of the store behind it (statfs, `df`).
namespace IpfsMount.Vfs;

public interface IStatFs
{
    VfsSpace GetSpace();
}
