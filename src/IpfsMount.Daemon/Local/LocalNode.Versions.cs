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

    public IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, CancellationToken ct = default) => HistoryAsync(limit, 0, ct);

    public async IAsyncEnumerable<MfsVersionInfo> HistoryAsync(int? limit, int offset, [EnumeratorCancellation] CancellationToken ct = default)
    {
        CheckPage(limit, offset);
        foreach (var v in await MfsHistory().ListAsync(limit, offset, ct)) yield return Info(v);
    }

    public IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, CancellationToken ct = default) =>
        PathHistoryAsync(path, limit, 0, ct);

    public async IAsyncEnumerable<MfsPathVersionInfo> PathHistoryAsync(string path, int? limit, int offset,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        CheckPage(limit, offset);
        foreach (var (version, cid) in await MfsHistory().PathHistoryAsync(path, limit, offset, ct))
            yield return new MfsPathVersionInfo(version.Number, version.Time, cid?.ToString());
    }

    public async Task<int> HistoryPruneAsync(int? keep, DateTimeOffset? before, CancellationToken ct = default) =>
        await MfsHistory().PruneAsync(new MfsPruneRule(keep, before), ct);

    public async IAsyncEnumerable<MfsChangeInfo> DiffAsync(string a, string b, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var history = MfsHistory();
        var from = await history.ResolveRefAsync(a, ct);
        var to = await history.ResolveRefAsync(b, ct);
        await foreach (var c in history.DiffStreamAsync(from, to, ct))
            yield return new MfsChangeInfo(c.Kind switch { MfsChangeKind.Added => "A", MfsChangeKind.Removed => "D", _ => "M" }, c.Path);
    }

    public async Task<MfsVersionInfo> RollbackAsync(string target, CancellationToken ct = default)
    {
        var root = await MfsHistory().ResolveRefAsync(target, ct);
        var tree = await MfsAsync().WaitAsync(ct);
        return Info(await tree.RollbackAsync(root, ct));
    }

    private static MfsVersionInfo Info(MfsVersion v) => new(v.Number, v.Time, v.Root.ToString(), v.Message);

    private static void CheckPage(int? limit, int offset)
    {
        if (limit < 0) throw new ArgumentException("--limit must not be negative");
        if (offset < 0) throw new ArgumentException("--offset must not be negative");
    }
}
