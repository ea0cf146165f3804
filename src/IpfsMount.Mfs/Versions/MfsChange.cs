// One difference between two MFS trees: a path that was added, removed or modified, with its CIDs.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public enum MfsChangeKind
{
    Added,
    Removed,
    Modified,
}

public sealed record MfsChange(MfsChangeKind Kind, string Path, Cid? Before, Cid? After);
