// Version operations on the live tree: snapshot a path (commit + pin) and roll back to a version or root CID.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree
{
    /// <summary>Commits, then returns the CID of <paramref name="path"/> at that version and pins it.</summary>
    public async Task<MfsSnapshot> SnapshotAsync(string path, CancellationToken ct = default)
    {
        var (version, cid) = await LockedAsync(async () =>
        {
            var v = await CommitLockedAsync(null, force: false, ct).ConfigureAwait(false);
            var resolved = await DagPathResolver.ResolveAsync(_blocks, v.Root, MfsPath.Normalize(path), ct).ConfigureAwait(false)
                ?? throw MfsException.NotFound(MfsPath.Normalize(path));
            return (v, resolved.Cid);
        }, ct).ConfigureAwait(false);
        bool pinned = false;
        if (_options.Pin is { } pin)
        {
            await pin(cid, $"mfs snapshot {MfsPath.Normalize(path)} (version {version.Number})", ct).ConfigureAwait(false);
            pinned = true;
        }
        return new MfsSnapshot(MfsPath.Normalize(path), cid, version.Number, pinned);
    }

    /// <summary>Makes version <paramref name="number"/>'s root current, recorded as a new version (undo by rolling back again).</summary>
    public async Task<MfsVersion> RollbackAsync(long number, CancellationToken ct = default)
    {
        var target = await _log.GetAsync(number, ct).ConfigureAwait(false)
            ?? throw new MfsException(MfsErrorKind.NotFound, $"MFS version {number} does not exist (pruned or never made); see `history`");
        return await RollbackCoreAsync(target.Root, $"rollback to version {number}", ct).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="root"/> (a UnixFS directory) the current root, recorded as a new version.</summary>
    public Task<MfsVersion> RollbackAsync(Cid root, CancellationToken ct = default) =>
        RollbackCoreAsync(root, $"rollback to {root}", ct);

    private async Task<MfsVersion> RollbackCoreAsync(Cid root, string message, CancellationToken ct)
    {
        var names = new List<string>(); // every name at the root before and after: all nodes below are replaced
        var version = await LockedAsync(async () =>
        {
            var newRoot = await LoadRootAsync(_blocks, root, ct).ConfigureAwait(false);
            await CommitLockedAsync(null, force: false, ct).ConfigureAwait(false);
            names.AddRange(_root.Entries.Keys.Concat(newRoot.Entries.Keys).Select(n => "/" + n));
            _root = newRoot;
            _dirtyFiles.Clear();
            return await CommitLockedAsync(message, force: true, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        Announce(names.Append("/"));
        return version;
    }
}
