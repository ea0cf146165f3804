// One entry of an MFS directory listing.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed record MfsDirEntry(string Name, MfsEntryKind Kind, Cid Cid, long Size);
