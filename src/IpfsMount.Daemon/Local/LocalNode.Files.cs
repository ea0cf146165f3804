// `files …` on THE shared MFS tree of this node (MfsAsync, also served by the mount): Kubo's `ipfs files`
// semantics, each change committed as one version with the caller's message.
using System.Buffers;
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.Daemon.Api;
using IpfsMount.Mfs;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    /// <summary>A long `files write` turns its data into blocks every this many bytes instead of holding it all.</summary>
    public const long WriteSpillBytes = 32L << 20;

    public async IAsyncEnumerable<MfsEntryInfo> FilesLsAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var tree = await MfsAsync().WaitAsync(ct);
        foreach (var e in await tree.ListAsync(path, ct))
            yield return new MfsEntryInfo(e.Name, TypeName(e.Kind), e.Cid.ToString(), e.Size);
    }

    public async Task<MfsStatInfo> FilesStatAsync(string path, CancellationToken ct = default)
    {
        var tree = await MfsAsync().WaitAsync(ct);
        var s = await tree.StatAsync(path, ct);
        return new MfsStatInfo(s.Path, TypeName(s.Kind), s.Cid.ToString(), s.Size, s.CumulativeSize, s.Blocks, s.Mode,
            s.Mtime?.Seconds, s.Mtime?.Nanoseconds ?? 0);
    }

    public Task FilesMkdirAsync(string path, bool parents, MfsLayoutRequest? cid, string? message, CancellationToken ct = default) =>
        ChangeAsync(message ?? $"files mkdir {path}", async tree =>
        {
            await tree.MkdirAsync(path, parents, ct);
            if (cid is { CidVersion: not null } or { Hash: not null })
            {
                var layout = LayoutOf(cid, tree);
                await tree.ChangeCidAsync(path, layout.CidVersion, layout.HashCode, ct);
            }
        }, ct);

    public Task FilesCpAsync(string source, string dest, bool parents, string? message, CancellationToken ct = default) =>
        ChangeAsync(message ?? $"files cp {source} {dest}", async tree =>
        {
            if (parents) await MkdirParentsAsync(tree, dest, ct);
            if (source.StartsWith("/ipfs/", StringComparison.Ordinal) || !source.StartsWith('/'))
            {
                var rest = source.StartsWith("/ipfs/", StringComparison.Ordinal) ? source["/ipfs/".Length..] : source;
                int slash = rest.IndexOf('/');
                var cid = Cid.Parse(slash < 0 ? rest : rest[..slash]);
                await tree.CopyFromCidAsync(cid, slash < 0 ? "" : rest[slash..], dest, ct);
            }
            else await tree.CopyAsync(source, dest, ct);
        }, ct);

    public Task FilesMvAsync(string source, string dest, string? message, CancellationToken ct = default) =>
        ChangeAsync(message ?? $"files mv {source} {dest}", async tree =>
        {
            MfsStat? target = null;
            try { target = await tree.StatAsync(dest, ct); }
            catch (MfsException e) when (e.Kind == MfsErrorKind.NotFound) { }
            if (target?.Kind == MfsEntryKind.Directory) dest = MfsPath.Combine(MfsPath.Normalize(dest), MfsPath.Split(source)[^1]);
            await tree.RenameAsync(source, dest, ct);
        }, ct);

    public Task FilesRmAsync(IReadOnlyList<string> paths, bool recursive, bool force, string? message, CancellationToken ct = default) =>
        ChangeAsync(message ?? $"files rm {string.Join(' ', paths)}", async tree =>
        {
            foreach (var p in paths)
            {
                if (MfsPath.Split(p).Length == 0) throw new ArgumentException("cannot delete root");
                try
                {
                    var st = await tree.StatAsync(p, ct);
                    if (st.Kind == MfsEntryKind.Directory && !recursive && !force)
                        throw new MfsException(MfsErrorKind.IsADirectory, $"{MfsPath.Normalize(p)} is a directory, use -r to remove directories");
                    await tree.RemoveAsync(p, recursive: true, ct);
                }
                catch (MfsException e) when (force && e.Kind == MfsErrorKind.NotFound) { }
            }
        }, ct);

    public async Task<Stream> FilesReadAsync(string path, long offset, long? count, CancellationToken ct = default)
    {
        if (offset < 0) throw new ArgumentException("offset must be >= 0");
        if (count < 0) throw new ArgumentException("count must be >= 0");
        var tree = await MfsAsync().WaitAsync(ct);
        var handle = await tree.OpenAsync(path, MfsOpenFlags.Read, ct);
        try
        {
            long length = await handle.GetLengthAsync(ct);
            long end = offset + Math.Max(0, Math.Min(count ?? long.MaxValue, length - offset));
            return new MfsReadStream(handle, offset, end);
        }
        catch
        {
            await handle.DisposeAsync();
            throw;
        }
    }

    public async Task<long> FilesWriteAsync(MfsWriteRequest request, Stream data, CancellationToken ct = default)
    {
        if (request.Offset < 0) throw new ArgumentException("offset must be >= 0");
        if (request.Count < 0) throw new ArgumentException("count must be >= 0");
        var message = request.Message ?? $"files write {request.Path}";
        long written = 0;
        await ChangeAsync(message, async tree =>
        {
            if (request.Parents) await MkdirParentsAsync(tree, request.Path, ct);
            var flags = MfsOpenFlags.Write | (request.Create ? MfsOpenFlags.Create : 0) | (request.Truncate ? MfsOpenFlags.Truncate : 0);
            await using var handle = await tree.OpenAsync(request.Path, flags, LayoutOf(request.Layout, tree), ct);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                long pos = request.Offset, left = request.Count ?? long.MaxValue, unspilled = 0;
                while (left > 0)
                {
                    int n = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
                    if (n == 0) break;
                    await handle.WriteAsync(pos, buffer.AsMemory(0, n), ct);
                    (pos, left, written, unspilled) = (pos + n, left - n, written + n, unspilled + n);
                    if (unspilled < WriteSpillBytes) continue;
                    await tree.WriteBlocksAsync(ct);
                    unspilled = 0;
                }
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
            await tree.CommitAsync(message, ct); // before the close, so the version carries the message
        }, ct);
        return written;
    }

    public Task FilesTouchAsync(string path, long? mtimeSeconds, uint mtimeNanoseconds, MfsLayoutRequest? layout, string? message, CancellationToken ct = default) =>
        ChangeAsync(message ?? $"files touch {path}", async tree =>
        {
            try { await tree.StatAsync(path, ct); }
            catch (MfsException e) when (e.Kind == MfsErrorKind.NotFound)
            {
                await using var h = await tree.OpenAsync(path, MfsOpenFlags.Write | MfsOpenFlags.Create, LayoutOf(layout, tree), ct);
            }
            var t = mtimeSeconds is { } secs ? new MfsTime(secs, mtimeNanoseconds) : MfsTime.FromDateTimeOffset(DateTimeOffset.UtcNow);
            await tree.UtimensAsync(path, t, ct);
        }, ct);

    public Task FilesChmodAsync(string path, uint mode, string? message, CancellationToken ct = default)
    {
        if (mode > 0xFFF) throw new ArgumentException($"mode {Convert.ToString(mode, 8)} has bits beyond 07777");
        return ChangeAsync(message ?? $"files chmod {Convert.ToString(mode, 8)} {path}", tree => tree.ChmodAsync(path, mode, ct), ct);
    }

    public async Task<string> FilesFlushAsync(string path, string? message, CancellationToken ct = default)
    {
        var tree = await MfsAsync().WaitAsync(ct);
        await tree.CommitAsync(message, force: message is not null, ct); // a message names a checkpoint, even of an unchanged tree
        return (await tree.StatAsync(path, ct)).Cid.ToString();
    }

    public Task FilesChcidAsync(string path, int? cidVersion, string? hash, string? message, CancellationToken ct = default) =>
        ChangeAsync(message ?? $"files chcid {path}", tree =>
            tree.ChangeCidAsync(path, cidVersion, hash is null ? null : HashCodeOf(hash), ct), ct);

    /// <summary>Runs a change on the shared tree, then commits it as one version (none when nothing changed).</summary>
    private async Task ChangeAsync(string message, Func<MfsTree, Task> change, CancellationToken ct)
    {
        var tree = await MfsAsync().WaitAsync(ct);
        try { await change(tree); }
        finally
        {
            // a change that failed half-way (e.g. rm of several paths) keeps what it did, as before, and records it
            if (tree.IsDirty) await tree.CommitAsync(message, CancellationToken.None);
        }
    }

    private static async Task MkdirParentsAsync(MfsTree tree, string path, CancellationToken ct)
    {
        var parts = MfsPath.Split(path);
        if (parts.Length > 1) await tree.MkdirAsync("/" + string.Join('/', parts[..^1]), parents: true, ct);
    }

    /// <summary>The layout an operation asks for: its profile (the tree's when none), then Kubo's flag overrides.</summary>
    private static MfsLayout LayoutOf(MfsLayoutRequest? request, MfsTree tree)
    {
        var layout = request?.Profile is { } profile ? MfsLayout.FromProfile(profile) : tree.Options.Layout;
        if (request is null) return layout;
        if (request.CidVersion is { } v)
            layout = layout with { CidVersion = v, RawLeaves = v == 1 ? request.RawLeaves ?? true : false };
        if (request.RawLeaves is { } raw) layout = layout with { RawLeaves = raw };
        if (request.Hash is { } h)
        {
            var code = HashCodeOf(h);
            layout = layout with { HashCode = code, CidVersion = code == Multicodec.Sha2_256 ? layout.CidVersion : 1 };
        }
        if (layout.RawLeaves && layout.CidVersion == 0) layout = layout with { CidVersion = 1 };
        return layout;
    }

    private static ulong HashCodeOf(string name) => name.ToLowerInvariant() switch
    {
        "sha2-256" => Multicodec.Sha2_256,
        "blake3" => Multicodec.Blake3,
        _ => throw new ArgumentException($"unsupported hash '{name}': use sha2-256 or blake3"),
    };

    private static string TypeName(MfsEntryKind kind) => kind switch
    {
        MfsEntryKind.Directory => "directory",
        MfsEntryKind.Symlink => "symlink",
        _ => "file",
    };
}
