// A path component that does not exist under a UnixFS root (maps to ENOENT).
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

public sealed class UnixFsNotFoundException(Cid root, string path, string missing)
    : Exception($"'{missing}' does not exist in /ipfs/{root}/{path.TrimStart('/')}")
{
    public Cid Root { get; } = root;

    public string Path { get; } = path;

    public string Missing { get; } = missing;
}
