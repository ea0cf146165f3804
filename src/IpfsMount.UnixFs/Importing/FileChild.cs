// A node of a file DAG under construction: its CID, the Tsize its parent link carries, and how many file bytes
// it covers (the parent's blocksizes entry).
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

internal readonly record struct FileChild(Cid Cid, ulong Tsize, ulong ContentSize);
