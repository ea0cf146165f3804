// A path walks through something that is not a directory (maps to ENOTDIR).
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

public sealed class UnixFsNotADirectoryException(Cid node, string name)
    : Exception($"cannot look up '{name}' in {node}: it is not a directory")
{
    public Cid Node { get; } = node;
}
