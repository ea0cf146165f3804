// `snapshot`, `history [prune]`, `diff`, `rollback`: the MFS version log of the repo, read and changed through the
// node (rollback and snapshot act on THE shared tree, so a mount sees them at once).
using System.Runtime.CompilerServices;
using IpfsMount.Daemon.Api;
using IpfsMount.Mfs;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    /// <summary>The history of this repo's MFS (a reader over the same version log as the tree).</summary>
    public MfsHistory MfsHistory() => new(Blocks, new RepoMfsVersionLog(Repo.MfsRoots));

    public async Task<MfsSnapshotInfo> SnapshotAsync(string path, CancellationToken ct = default)
    {
        var tree = await MfsAsync().WaitAsync(ct);
        var s = await tree.SnapshotAsync(path, ct);
        return new MfsSnapshotInfo(s.Path, s.Cid.ToString(), s.Version, s.Pinned);
    }

    public async IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, [EnumeratorCancellation] CancellationToken ct = default)
    {
        CheckLimit(limit);
        var versions = await MfsHistory().ListAsync(ct);
        for (int i = Start(versions.Count, limit); i < versions.Count; i++) yield return Info(versions[i]);
    }

    public async IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, [EnumeratorCancellation] CancellationToken ct = default)
    {
        CheckLimit(limit);
        var changes = await MfsHistory().PathHistoryAsync(path, ct);
        for (int i = Start(changes.Count, limit); i < changes.Count; i++)
            yield return new MfsPathVersionInfo(changes[i].Version.Number, changes[i].Version.Time, changes[i].Cid?.ToString());
    }

    public async Task<int> HistoryPruneAsync(int? keep, DateTimeOffset? before, CancellationToken ct = default) =>
        await MfsHistory().PruneAsync(new MfsPruneRule(keep, before), ct);

    public async IAsyncEnumerable<MfsChangeInfo> DiffAsync(string a, string b, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var history = MfsHistory();
        var from = await history.ResolveRefAsync(a, ct);
        var to = await history.ResolveRefAsync(b, ct);
        foreach (var c in await history.DiffAsync(from, to, ct))
            yield return new MfsChangeInfo(c.Kind switch { MfsChangeKind.Added => "A", MfsChangeKind.Removed => "D", _ => "M" }, c.Path);
    }

    public async Task<MfsVersionInfo> RollbackAsync(string target, CancellationToken ct = default)
    {
        var root = await MfsHistory().ResolveRefAsync(target, ct);
        var tree = await MfsAsync().WaitAsync(ct);
        return Info(await tree.RollbackAsync(root, ct));
    }

    private static MfsVersionInfo Info(MfsVersion v) => new(v.Number, v.Time, v.Root.ToString(), v.Message);

    private static void CheckLimit(int? limit)
    {
        if (limit < 0) throw new ArgumentException("--limit must not be negative");
    }

    private static int Start(int count, int? limit) => limit is { } n ? Math.Max(0, count - n) : 0;
}
