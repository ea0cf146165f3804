// One entry of a UnixFS directory listing (flat or HAMT): its name, target CID and the link's Tsize.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

public sealed record UnixFsDirEntry(string Name, Cid Cid, ulong Tsize);
