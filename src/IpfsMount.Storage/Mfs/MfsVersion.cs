// One entry of the MFS version log: a monotonically increasing version number, the root CID, the time and a message.
namespace IpfsMount.Storage;

using IpfsMount.Core;

public sealed record MfsVersion(long Version, Cid Root, DateTimeOffset Time, string Message);
