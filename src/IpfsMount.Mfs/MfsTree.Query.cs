// MFS queries and imports: stat, list, read-all, cp from /ipfs/<cid> or within MFS.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree
{
    /// <summary>Stats a path; flushes its subtree to blocks to report the CID (no version is recorded).</summary>
    public Task<MfsStat> StatAsync(string path, CancellationToken ct = default) => LockedAsync(async () =>
    {
        var node = await ResolveAsync(path, ct).ConfigureAwait(false);
        return await StatNodeAsync(MfsPath.Normalize(path), node, ct).ConfigureAwait(false);
    }, ct);

    private async Task<MfsStat> StatNodeAsync(string path, MfsNode node, CancellationToken ct)
    {
        var (cid, tsize) = await FlushNodeAsync(node, ct).ConfigureAwait(false);
        switch (node)
        {
            case MfsFileNode f:
                await f.Lock.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var (_, _, links) = await f.Content.FlushAsync(ct).ConfigureAwait(false);
                    return new MfsStat(path, MfsEntryKind.File, cid, f.Content.Length, tsize, links, f.Content.Mode, f.Content.Mtime);
                }
                finally { f.Lock.Release(); }
            case MfsDirectoryNode d:
                return new MfsStat(path, MfsEntryKind.Directory, cid, 0, tsize, d.Entries.Count, d.Mode, d.Mtime);
            case MfsSymlinkNode s:
                return new MfsStat(path, MfsEntryKind.Symlink, cid, System.Text.Encoding.UTF8.GetByteCount(s.Target), tsize, 0, s.Mode, s.Mtime);
            default:
                throw new InvalidOperationException("unknown MFS node type");
        }
    }

    /// <summary>Entries of a directory (sorted by name), or the single entry of a file path, like `files ls`.</summary>
    public Task<IReadOnlyList<MfsDirEntry>> ListAsync(string path, CancellationToken ct = default) => LockedAsync(async () =>
    {
        var node = await ResolveAsync(path, ct).ConfigureAwait(false);
        if (node is not MfsDirectoryNode dir)
        {
            var st = await StatNodeAsync(MfsPath.Normalize(path), node, ct).ConfigureAwait(false);
            return (IReadOnlyList<MfsDirEntry>)[new MfsDirEntry(node.Name, st.Kind, st.Cid, st.Size)];
        }
        await FlushNodeAsync(dir, ct).ConfigureAwait(false);
        var result = new List<MfsDirEntry>(dir.Entries.Count);
        foreach (var name in dir.Entries.Keys.ToList())
        {
            var child = await ChildAsync(dir, name, ct).ConfigureAwait(false);
            long size = child switch
            {
                MfsFileNode f => f.Content.Length,
                MfsSymlinkNode s => System.Text.Encoding.UTF8.GetByteCount(s.Target),
                _ => 0,
            };
            result.Add(new MfsDirEntry(name, child!.Kind, dir.Entries[name].Cid, size));
        }
        return (IReadOnlyList<MfsDirEntry>)result;
    }, ct);

    /// <summary>Reads a whole file (convenience for `files read` and tests).</summary>
    public async Task<byte[]> ReadAllAsync(string path, long offset = 0, long? count = null, CancellationToken ct = default)
    {
        await using var h = await OpenAsync(path, MfsOpenFlags.Read, ct).ConfigureAwait(false);
        long length = await h.GetLengthAsync(ct).ConfigureAwait(false);
        long n = Math.Max(0, Math.Min(count ?? long.MaxValue, length - offset));
        var buffer = new byte[n];
        int done = 0;
        while (done < n)
        {
            int r = await h.ReadAsync(offset + done, buffer.AsMemory(done), ct).ConfigureAwait(false);
            if (r == 0) break;
            done += r;
        }
        return buffer;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>, creating the file (convenience).</summary>
    public async Task WriteAllAsync(string path, ReadOnlyMemory<byte> data, long offset = 0, bool truncate = true, CancellationToken ct = default)
    {
        var flags = MfsOpenFlags.Write | MfsOpenFlags.Create | (truncate ? MfsOpenFlags.Truncate : 0);
        await using (var h = await OpenAsync(path, flags, ct).ConfigureAwait(false))
            await h.WriteAsync(offset, data, ct).ConfigureAwait(false);
        Announce([path]);
    }

    /// <summary>`files cp /ipfs/&lt;cid&gt;[/sub/path] /dest`: links an existing DAG in without copying bytes.</summary>
    public Task CopyFromCidAsync(Cid source, string subPath, string dest, CancellationToken ct = default) => ChangingAsync([dest], async () =>
    {
        var resolved = await DagPathResolver.ResolveAsync(_blocks, source, subPath, ct).ConfigureAwait(false)
            ?? throw new MfsException(MfsErrorKind.NotFound, $"/ipfs/{source}/{subPath.Trim('/')}: no such path in that DAG");
        var node = await NodeLoader.LoadAsync(_blocks, resolved.Cid, ct).ConfigureAwait(false);
        var (dir, name) = await ResolveParentAsync(dest, ct).ConfigureAwait(false);
        if (await ChildAsync(dir, name, ct).ConfigureAwait(false) is not null) throw MfsException.Exists(MfsPath.Normalize(dest));
        Attach(dir, name, node, new DirEntrySlot(resolved.Cid, resolved.Tsize));
        NoteTreeChanged();
        return true;
    }, ct);

    /// <summary>`files cp /a /b` inside MFS: the copy shares blocks with the source (copy on write).</summary>
    public Task CopyAsync(string from, string dest, CancellationToken ct = default) => ChangingAsync([dest], async () =>
    {
        var src = await ResolveAsync(from, ct).ConfigureAwait(false);
        var (cid, tsize) = await FlushNodeAsync(src, ct).ConfigureAwait(false);
        var (dir, name) = await ResolveParentAsync(dest, ct).ConfigureAwait(false);
        if (await ChildAsync(dir, name, ct).ConfigureAwait(false) is not null) throw MfsException.Exists(MfsPath.Normalize(dest));
        var node = await NodeLoader.LoadAsync(_blocks, cid, ct).ConfigureAwait(false);
        Attach(dir, name, node, new DirEntrySlot(cid, tsize));
        NoteTreeChanged();
        return true;
    }, ct);
}
