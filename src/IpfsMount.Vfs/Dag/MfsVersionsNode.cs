// <mnt>/mfs@: the MFS history as read-only directories — `mfs@/<version>/…` and `mfs@/<root-cid>/…` are the
// immutable UnixFS DAG of that version's root (same inode and cache policy as /ipfs/<cid>, user.ipfs.cid set).
using System.Globalization;
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Dag;

/// <summary>
/// Lists the version numbers of <paramref name="log"/> (oldest first); looks up a version number, or the root CID of
/// a version still in the log (a CID that never was an MFS root is not here: use /ipfs/&lt;cid&gt;). Versions appear
/// as they are committed, so this directory itself is mutable; what it leads to never changes.
/// </summary>
public sealed class MfsVersionsNode(IUnixFsSource source, IMfsVersionLog log) : VfsNode, ILookup, IDirectoryLister
{
    public const string Name = "mfs@";
    private const int ResolveBatch = 64;

    public override bool IsImmutable => false;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(VfsAttributes.Directory());

    /// <summary>The root of version <paramref name="name"/> (decimal, no sign or leading zeros) or of a version whose root CID it is; else null (ENOENT).</summary>
    public async ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct)
    {
        Cid root;
        if (TryParseVersion(name, out var number))
        {
            if (await log.GetAsync(number, ct).ConfigureAwait(false) is not { } version) return null;
            root = version.Root;
        }
        else if (Cid.TryParse(name, out var cid, out _) && await FindVersionRootAsync(cid, ct).ConfigureAwait(false) is { } found) root = found;
        else return null;
        try
        {
            return DagNode.For(source, await source.StatAsync(root, ct).ConfigureAwait(false));
        }
        catch (BlockNotFoundException)
        {
            return null;
        }
    }

    /// <summary>One entry per version, named by its number; roots are resolved a batch at a time in parallel.</summary>
    public async IAsyncEnumerable<VfsDirEntry> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<MfsVersion>(ResolveBatch);
        await foreach (var version in log.ListAsync(ct).ConfigureAwait(false))
        {
            batch.Add(version);
            if (batch.Count < ResolveBatch) continue;
            foreach (var entry in await ResolveAsync(batch, ct).ConfigureAwait(false))
                if (entry is not null) yield return entry;
            batch.Clear();
        }
        foreach (var entry in await ResolveAsync(batch, ct).ConfigureAwait(false))
            if (entry is not null) yield return entry;
    }

    /// <summary>True for the canonical decimal form of a positive version number ("7", not "07" or "+7").</summary>
    public static bool TryParseVersion(string name, out long number) =>
        long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0 && name[0] != '0';

    /// <summary>The root of a version equal to <paramref name="cid"/> in any CID version or base (the logged form keeps one inode).</summary>
    private async ValueTask<Cid?> FindVersionRootAsync(Cid cid, CancellationToken ct)
    {
        var wanted = cid.ToV1();
        await foreach (var version in log.ListAsync(ct).ConfigureAwait(false))
            if (version.Root.ToV1() == wanted) return version.Root;
        return null;
    }

    private async Task<VfsDirEntry?[]> ResolveAsync(List<MfsVersion> versions, CancellationToken ct)
    {
        var result = new VfsDirEntry?[versions.Count];
        await Parallel.ForAsync(0, versions.Count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    var info = await source.StatAsync(versions[i].Root, token).ConfigureAwait(false);
                    result[i] = new VfsDirEntry(versions[i].Number.ToString(CultureInfo.InvariantCulture), DagNode.For(source, info));
                }
                catch (BlockNotFoundException)
                {
                    // a root whose blocks are gone cannot be shown; the others still are
                }
            }).ConfigureAwait(false);
        return result;
    }
}
