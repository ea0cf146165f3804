// History queries over the MFS version log: list versions, per-path history (versions where the path's
// CID changed), diff of two versions or CIDs (walks both DAGs, skipping equal CIDs), and prune.
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

    /// <summary>Versions where <paramref name="path"/> changed: its CID then (null when the path did not exist).</summary>
    public async Task<IReadOnlyList<(MfsVersion Version, Cid? Cid)>> PathHistoryAsync(string path, CancellationToken ct = default)
    {
        string norm = MfsPath.Normalize(path);
        var result = new List<(MfsVersion, Cid?)>();
        Cid? previous = null;
        bool first = true;
        await foreach (var v in log.ListAsync(ct).ConfigureAwait(false))
        {
            var found = await DagPathResolver.ResolveAsync(_blocks, v.Root, norm, ct).ConfigureAwait(false);
            Cid? cid = found?.Cid;
            if (first ? cid is not null : !Nullable.Equals(cid, previous)) result.Add((v, cid));
            previous = cid;
            first = false;
        }
        return result;
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
        await DiffNodeAsync("/", before, after, changes, ct).ConfigureAwait(false);
        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes;
    }

    private async Task DiffNodeAsync(string path, Cid a, Cid b, List<MfsChange> changes, CancellationToken ct)
    {
        if (a.Equals(b)) return;
        var na = await _blocks.GetAsync(a, ct).ConfigureAwait(false);
        var nb = await _blocks.GetAsync(b, ct).ConfigureAwait(false);
        if (na.Kind != MfsEntryKind.Directory || nb.Kind != MfsEntryKind.Directory)
        {
            changes.Add(new MfsChange(MfsChangeKind.Modified, path, a, b));
            return;
        }
        var ea = (await DirectoryReader.ListAsync(_blocks, na, ct).ConfigureAwait(false)).ToDictionary(e => e.Name, StringComparer.Ordinal);
        var eb = (await DirectoryReader.ListAsync(_blocks, nb, ct).ConfigureAwait(false)).ToDictionary(e => e.Name, StringComparer.Ordinal);
        bool metadataOnly = true;
        foreach (var (name, x) in ea)
        {
            string child = MfsPath.Combine(path, name);
            if (!eb.TryGetValue(name, out var y)) { changes.Add(new MfsChange(MfsChangeKind.Removed, child, x.Cid, null)); metadataOnly = false; }
            else if (!x.Cid.Equals(y.Cid)) { await DiffNodeAsync(child, x.Cid, y.Cid, changes, ct).ConfigureAwait(false); metadataOnly = false; }
        }
        foreach (var (name, y) in eb)
            if (!ea.ContainsKey(name)) { changes.Add(new MfsChange(MfsChangeKind.Added, MfsPath.Combine(path, name), null, y.Cid)); metadataOnly = false; }
        if (metadataOnly) changes.Add(new MfsChange(MfsChangeKind.Modified, path, a, b)); // only mode/mtime/layout differ
    }

    /// <summary>Drops old versions from the log so GC may then remove blocks only they referenced.</summary>
    public ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default)
    {
        rule.Validate();
        return log.PruneAsync(rule, ct);
    }
}
