// One named link of a UnixFS directory (plain or HAMT-sharded), as listed.
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

public readonly record struct DagLink(string Name, Cid Cid, ulong? Tsize);
