// IMfsVersionLog over the repo's RocksDB `mfs` column family (Storage's MfsRootStore): a commit writes the
// version record and the current root in one synced batch; the working root keeps flushed blocks safe from GC.
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.Storage;
using StoredVersion = IpfsMount.Storage.MfsVersion;

namespace IpfsMount.Mfs;

public sealed class RepoMfsVersionLog(MfsRootStore roots) : IMfsVersionLog
{
    public ValueTask<MfsVersion?> LatestAsync(CancellationToken ct = default) => ValueTask.FromResult(Map(roots.Latest));

    public ValueTask<MfsVersion?> GetAsync(long number, CancellationToken ct = default) => ValueTask.FromResult(Map(roots.Get(number)));

    public ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, CancellationToken ct = default) =>
        AppendAsync(root, time, message, durable: true, ct);

    public ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, bool durable, CancellationToken ct = default) =>
        ValueTask.FromResult(Map(roots.Commit(root, message ?? "", time, durable))!);

    public async IAsyncEnumerable<MfsVersion> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var v in roots.List())
        {
            ct.ThrowIfCancellationRequested();
            yield return Map(v)!;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<MfsVersion> ListNewestFirstAsync(int? count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (count is <= 0) yield break;
        // read in growing windows from the newest end, so a reader that stops early (a page) reads little
        int window = count ?? 64;
        long below = long.MaxValue; // versions appended meanwhile are newer than what was listed: skip them
        while (true)
        {
            var batch = roots.List(newestFirst: true, limit: window);
            foreach (var v in batch)
            {
                ct.ThrowIfCancellationRequested();
                if (v.Version >= below) continue;
                below = v.Version;
                yield return Map(v)!;
            }
            if (count is not null || batch.Count < window) break;
            window = window > int.MaxValue / 4 ? int.MaxValue : window * 4;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default)
    {
        rule.Validate();
        var all = roots.List();
        if (all.Count == 0) return ValueTask.FromResult(0);
        long newest = all[^1].Version;
        // Versions are numbered in commit order, so the dropped ones form a prefix: keep from the first survivor.
        long keepFrom = newest;
        foreach (var v in all)
            if (!rule.Drops(Map(v)!, newest)) { keepFrom = v.Version; break; }
        return ValueTask.FromResult(roots.Prune(keepFrom));
    }

    public ValueTask SetWorkingRootAsync(Cid root, CancellationToken ct = default)
    {
        roots.SetCurrentRoot(root);
        return ValueTask.CompletedTask;
    }

    private static MfsVersion? Map(StoredVersion? v) =>
        v is null ? null : new MfsVersion(v.Version, v.Root, v.Time, v.Message.Length == 0 ? null : v.Message);
}
