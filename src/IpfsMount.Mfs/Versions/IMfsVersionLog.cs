// The MFS version log: an append-only list of (number, root CID, time, message) whose newest entry is the
// current MFS root. Append is one atomic write. Implementations: MemoryMfsVersionLog, RepoMfsVersionLog.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public interface IMfsVersionLog
{
    ValueTask<MfsVersion?> LatestAsync(CancellationToken ct = default);

    ValueTask<MfsVersion?> GetAsync(long number, CancellationToken ct = default);

    /// <summary>Records a new version (number = newest + 1) and makes its root current, atomically.</summary>
    ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, CancellationToken ct = default);

    /// <summary>Like <see cref="AppendAsync(Cid, DateTimeOffset, string?, CancellationToken)"/>; a version that need not
    /// be <paramref name="durable"/> yet (a commit after close) may skip the fsync: it survives a process crash, and the
    /// next durable append or <see cref="SetWorkingRootAsync"/> makes it durable.</summary>
    ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, bool durable, CancellationToken ct = default) =>
        AppendAsync(root, time, message, ct);

    /// <summary>All versions, oldest first.</summary>
    IAsyncEnumerable<MfsVersion> ListAsync(CancellationToken ct = default);

    /// <summary>The newest <paramref name="count"/> versions (null: all), newest first — `history --limit` reads only
    /// these. The default reads the whole list; logs with an index override it.</summary>
    IAsyncEnumerable<MfsVersion> ListNewestFirstAsync(int? count, CancellationToken ct = default) =>
        MfsVersionLogDefaults.NewestFirstAsync(this, count, ct);

    /// <summary>Removes the versions the rule drops; returns how many were removed.</summary>
    ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default);

    /// <summary>Records a flushed but uncommitted root, so garbage collection keeps the blocks it references; durable,
    /// together with every version appended before it.</summary>
    ValueTask SetWorkingRootAsync(Cid root, CancellationToken ct = default);
}
