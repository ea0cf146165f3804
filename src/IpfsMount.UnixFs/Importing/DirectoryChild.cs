// An entry to be linked from a directory being imported.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// A directory link. <see cref="CountsTowardsShardSize"/> is false for non-empty subdirectories: the JS importer
/// (which we match) decides sharding while subdirectories are still unflushed, so they add nothing to its estimate.
/// </summary>
internal sealed record DirectoryChild(string Name, Cid Cid, ulong Tsize, bool CountsTowardsShardSize = true);
