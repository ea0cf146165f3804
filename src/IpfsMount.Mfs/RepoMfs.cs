// Wires an MFS tree to a repo: its hash-checked block store, the RocksDB version log, the GC lock as the
// write lease, and recursive pins for snapshots.
using IpfsMount.Storage;

namespace IpfsMount.Mfs;

public static class RepoMfs
{
    /// <summary>The repo's MFS at its newest version; <paramref name="options"/> supplies layout and commit policy.</summary>
    public static Task<MfsTree> OpenTreeAsync(Repo repo, MfsOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(repo);
        options ??= new MfsOptions();
        options = options with
        {
            WriteLease = options.WriteLease ?? repo.GcLock.EnterSharedAsync,
            Pin = options.Pin ?? ((cid, label, token) => new ValueTask(repo.Pins.AddAsync(cid, recursive: true, name: label, ct: token))),
        };
        return MfsTree.OpenAsync(repo.Blocks, new RepoMfsVersionLog(repo.MfsRoots), options, ct);
    }

    public static MfsHistory OpenHistory(Repo repo) => new(repo.Blocks, new RepoMfsVersionLog(repo.MfsRoots));
}
