// The result of `snapshot <path>`: the path's CID at a committed version (pinned when the tree has a pinner).
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed record MfsSnapshot(string Path, Cid Cid, long Version, bool Pinned);
