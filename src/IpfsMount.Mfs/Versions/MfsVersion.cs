// One entry of the MFS version log: a number (1, 2, …), the root CID, the commit time and an optional message.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed record MfsVersion(long Number, Cid Root, DateTimeOffset Time, string? Message);
