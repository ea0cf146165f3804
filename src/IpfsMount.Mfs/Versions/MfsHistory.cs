// History queries over the MFS version log: list versions, per-path history (versions where the path's
// CID changed), diff of two versions or CIDs (walks both DAGs, skipping equal CIDs), and prune.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed class MfsHistory(IBlockStore store, IMfsVersionLog log)
{
    private readonly DagBlocks _blocks = new(store, MfsLayout.KuboV0);

    public async Task<IReadOnlyList<MfsVersion>> ListAsync(CancellationToken ct = default)
    {
        var list = new List<MfsVersion>();
        await foreach (var v in log.ListAsync(ct).ConfigureAwait(false)) list.Add(v);
        return list;
    }

    /// <summary>
    /// One page of the log, oldest first: the <paramref name="limit"/> versions (null: all) that come before the
    /// newest <paramref name="offset"/> ones (`history --limit N --offset M`, like `git log -n N --skip M` but printed
    /// oldest first). Reads only limit + offset records from the newest end of the log.
    /// </summary>
    public async Task<IReadOnlyList<MfsVersion>> ListAsync(int? limit, int offset = 0, CancellationToken ct = default)
    {
        CheckPage(limit, offset);
        var page = new List<MfsVersion>();
        if (limit == 0) return page;
        int skipped = 0;
        await foreach (var v in log.ListNewestFirstAsync(limit + offset, ct).ConfigureAwait(false))
        {
            if (skipped < offset) { skipped++; continue; }
            page.Add(v);
        }
        page.Reverse();
        return page;
    }

    /// <summary>Versions where <paramref name="path"/> changed: its CID then (null when the path did not exist).</summary>
    public Task<IReadOnlyList<(MfsVersion Version, Cid? Cid)>> PathHistoryAsync(string path, CancellationToken ct = default) =>
        PathHistoryAsync(path, null, 0, ct);

    /// <summary>
    /// A page of <see cref="PathHistoryAsync(string, CancellationToken)"/>, oldest first: the <paramref name="limit"/>
    /// changes before the newest <paramref name="offset"/> ones. Walks the log from the newest version and stops as
    /// soon as the page is known, resolving the path once per version visited.
    /// </summary>
    public async Task<IReadOnlyList<(MfsVersion Version, Cid? Cid)>> PathHistoryAsync(string path, int? limit, int offset = 0,
        CancellationToken ct = default)
    {
        CheckPage(limit, offset);
        string norm = MfsPath.Normalize(path);
        var page = new List<(MfsVersion, Cid?)>();
        if (limit == 0) return page;
        int found = 0;
        bool full = false;
        (MfsVersion Version, Cid? Cid)? newer = null;
        await foreach (var v in log.ListNewestFirstAsync(null, ct).ConfigureAwait(false))
        {
            var cid = (await DagPathResolver.ResolveAsync(_blocks, v.Root, norm, ct).ConfigureAwait(false))?.Cid;
            // the newer version is a change when its CID differs from this older one's
            if (newer is { } n && !Nullable.Equals(n.Cid, cid) && Take(n)) { full = true; break; }
            newer = (v, cid);
        }
        if (!full && newer is { Cid: not null } oldest) Take(oldest); // the oldest version counts when the path exists in it
        page.Reverse();
        return page;

        bool Take((MfsVersion, Cid?) change)
        {
            if (found++ >= offset) page.Add(change);
            return limit is { } l && page.Count == l;
        }
    }

    private static void CheckPage(int? limit, int offset)
    {
        if (limit < 0) throw new MfsException(MfsErrorKind.InvalidArgument, $"--limit must not be negative (got {limit})");
        if (offset < 0) throw new MfsException(MfsErrorKind.InvalidArgument, $"--offset must not be negative (got {offset})");
    }

    /// <summary>Resolves "N" (a version number), "@head"/"head" or a CID string to a root CID.</summary>
    public async Task<Cid> ResolveRefAsync(string reference, CancellationToken ct = default)
    {
        string r = reference.Trim();
        if (r is "head" or "@head")
            return (await log.LatestAsync(ct).ConfigureAwait(false))?.Root
                ?? throw new MfsException(MfsErrorKind.NotFound, "the MFS has no versions yet");
        if (r.StartsWith("/ipfs/", StringComparison.Ordinal)) r = r["/ipfs/".Length..].TrimEnd('/');
        if (long.TryParse(r.TrimStart('v'), out long n) && n > 0 && r.Length < 19)
            return (await log.GetAsync(n, ct).ConfigureAwait(false))?.Root
                ?? throw new MfsException(MfsErrorKind.NotFound, $"MFS version {n} does not exist (pruned or never made); see `history`");
        if (Cid.TryParse(r, out var cid, out var error)) return cid;
        throw new MfsException(MfsErrorKind.InvalidArgument, $"'{reference}' is neither a version number nor a CID ({error})");
    }

    /// <summary>Added/removed/modified paths from <paramref name="before"/> to <paramref name="after"/>, sorted by path.</summary>
    public async Task<IReadOnlyList<MfsChange>> DiffAsync(Cid before, Cid after, CancellationToken ct = default)
    {
        var changes = new List<MfsChange>();
        await foreach (var c in DiffStreamAsync(before, after, ct).ConfigureAwait(false)) changes.Add(c);
        return changes;
    }

    /// <summary>
    /// The changes of <see cref="DiffAsync"/> as they are found, already in path order (ordinal): both DAGs are walked
    /// in step, equal CIDs skipped, and siblings visited so that "/a", "/a-b" and "/a.c" come before "/a/x" — so a
    /// large diff streams out without being collected and sorted first.
    /// </summary>
    public async IAsyncEnumerable<MfsChange> DiffStreamAsync(Cid before, Cid after, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (before.Equals(after)) yield break;
        var pair = await LoadPairAsync(before, after, ct).ConfigureAwait(false);
        if (pair is null || pair.IsMetadataOnly)
        {
            yield return new MfsChange(MfsChangeKind.Modified, "/", before, after);
            yield break;
        }
        await foreach (var c in DescendAsync("/", pair, ct).ConfigureAwait(false)) yield return c;
    }

    /// <summary>Two versions of a directory: their entries by name.</summary>
    private sealed class DirPair(Dictionary<string, Cid> a, Dictionary<string, Cid> b)
    {
        public Dictionary<string, Cid> A { get; } = a;
        public Dictionary<string, Cid> B { get; } = b;

        /// <summary>Same names and CIDs: only the directory's own mode/mtime/layout differ.</summary>
        public bool IsMetadataOnly
        {
            get
            {
                if (A.Count != B.Count) return false;
                foreach (var (name, cid) in A)
                    if (!B.TryGetValue(name, out var other) || !other.Equals(cid)) return false;
                return true;
            }
        }
    }

    /// <summary>Both listings when both CIDs are directories, else null.</summary>
    private async Task<DirPair?> LoadPairAsync(Cid a, Cid b, CancellationToken ct)
    {
        var na = await _blocks.GetAsync(a, ct).ConfigureAwait(false);
        var nb = await _blocks.GetAsync(b, ct).ConfigureAwait(false);
        if (na.Kind != MfsEntryKind.Directory || nb.Kind != MfsEntryKind.Directory) return null;
        var ea = new Dictionary<string, Cid>(StringComparer.Ordinal);
        foreach (var e in await DirectoryReader.ListAsync(_blocks, na, ct).ConfigureAwait(false)) ea[e.Name] = e.Cid;
        var eb = new Dictionary<string, Cid>(StringComparer.Ordinal);
        foreach (var e in await DirectoryReader.ListAsync(_blocks, nb, ct).ConfigureAwait(false)) eb[e.Name] = e.Cid;
        return new DirPair(ea, eb);
    }

    /// <summary>The changes below <paramref name="path"/> (whose two versions differ in their entries), in path order:
    /// a change of an entry itself sorts by its name, the changes inside a changed subdirectory by name + "/".</summary>
    private async IAsyncEnumerable<MfsChange> DescendAsync(string path, DirPair pair, [EnumeratorCancellation] CancellationToken ct)
    {
        var items = new List<(string Key, MfsChange? Self, string Path, DirPair? Inside)>();
        foreach (var (name, x) in pair.A)
        {
            string child = MfsPath.Combine(path, name);
            if (!pair.B.TryGetValue(name, out var y)) items.Add((name, new MfsChange(MfsChangeKind.Removed, child, x, null), child, null));
            else if (!x.Equals(y))
            {
                var inside = await LoadPairAsync(x, y, ct).ConfigureAwait(false);
                if (inside is null || inside.IsMetadataOnly) items.Add((name, new MfsChange(MfsChangeKind.Modified, child, x, y), child, null));
                else items.Add((name + "/", null, child, inside));
            }
        }
        foreach (var (name, y) in pair.B)
            if (!pair.A.ContainsKey(name))
                items.Add((name, new MfsChange(MfsChangeKind.Added, MfsPath.Combine(path, name), null, y), "", null));
        items.Sort((p, q) => string.CompareOrdinal(p.Key, q.Key));
        foreach (var item in items)
        {
            if (item.Self is { } self) yield return self;
            else await foreach (var c in DescendAsync(item.Path, item.Inside!, ct).ConfigureAwait(false)) yield return c;
        }
    }

    /// <summary>Drops old versions from the log so GC may then remove blocks only they referenced.</summary>
    public ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default)
    {
        rule.Validate();
        return log.PruneAsync(rule, ct);
    }
}
