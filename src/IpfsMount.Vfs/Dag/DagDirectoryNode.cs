// A UnixFS directory (plain or HAMT-sharded): lookup by name and a listing that resolves children concurrently.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

public sealed class DagDirectoryNode(IUnixFsSource source, DagInfo info) : DagNode(source, info), ILookup, IDirectoryLister
{
    private const int ResolveBatch = 64;

    public async ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct)
    {
        var child = await Source.LookupAsync(Info, name, ct).ConfigureAwait(false);
        return child is null ? null : For(Source, child);
    }

    /// <summary>
    /// Streams the links and resolves each child's kind and size (one block each, raw leaves need none),
    /// a batch at a time in parallel, so `ls -l` of a 10,000-entry HAMT directory is not 10,000 serial fetches.
    /// </summary>
    public async IAsyncEnumerable<VfsDirEntry> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<DagLink>(ResolveBatch);
        await foreach (var link in Source.ListAsync(Info, ct).ConfigureAwait(false))
        {
            if (!IsPosixName(link.Name)) continue;
            batch.Add(link);
            if (batch.Count < ResolveBatch) continue;
            foreach (var entry in await ResolveAsync(batch, ct).ConfigureAwait(false)) yield return entry;
            batch.Clear();
        }
        foreach (var entry in await ResolveAsync(batch, ct).ConfigureAwait(false)) yield return entry;
    }

    private async Task<VfsDirEntry[]> ResolveAsync(List<DagLink> links, CancellationToken ct)
    {
        var result = new VfsDirEntry[links.Count];
        await Parallel.ForAsync(0, links.Count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) =>
            {
                var link = links[i];
                var info = link.Cid.Codec == Multicodec.Raw && link.Tsize is { } size
                    ? new DagInfo(link.Cid, VfsNodeKind.File, (long)size, null, null, null)
                    : await Source.StatAsync(link.Cid, token).ConfigureAwait(false);
                result[i] = new VfsDirEntry(link.Name, For(Source, info));
            }).ConfigureAwait(false);
        return result;
    }

    private static bool IsPosixName(string name) =>
        name.Length > 0 && name != "." && name != ".." && !name.Contains('/') && !name.Contains('\0');
}
