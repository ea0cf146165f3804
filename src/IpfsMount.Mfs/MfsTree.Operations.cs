// POSIX-shaped MFS operations: open/create, mkdir, rmdir, unlink, rename, symlink, chmod, utimens, stat, list, cp.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree
{
    public Task<MfsFileHandle> OpenAsync(string path, MfsOpenFlags flags, CancellationToken ct = default) =>
        OpenAsync(path, flags, null, ct);

    /// <summary>
    /// Opens a file; <paramref name="layout"/> (null: the tree's) is the block layout of a file this call creates,
    /// and of the blocks a write rewrites in a clean file no one else holds open (like `files write --cid-version 1`
    /// on a tree opened for that one command). A file with pending changes or other open handles keeps its layout.
    /// </summary>
    public Task<MfsFileHandle> OpenAsync(string path, MfsOpenFlags flags, MfsLayout? layout, CancellationToken ct = default) => ChangingAsync(WritingPaths(path, flags), async () =>
    {
        var blocks = BlocksFor(layout);
        if ((flags & MfsOpenFlags.ReadWrite) == 0)
            throw new MfsException(MfsErrorKind.InvalidArgument, "open needs Read and/or Write access");
        if (MfsPath.Split(path).Length == 0) throw MfsException.IsADirectory("/");
        var (dir, name) = await ResolveParentAsync(path, ct).ConfigureAwait(false);
        var node = await ChildAsync(dir, name, ct).ConfigureAwait(false);
        MfsFileNode file;
        if (node is null)
        {
            if (!flags.HasFlag(MfsOpenFlags.Create)) throw MfsException.NotFound(MfsPath.Normalize(path));
            file = new MfsFileNode(new FileContent(blocks, null, 0, 0));
            Attach(dir, name, file);
            NoteFileChanged(file);
        }
        else
        {
            if (flags.HasFlag(MfsOpenFlags.Create) && flags.HasFlag(MfsOpenFlags.Exclusive)) throw MfsException.Exists(MfsPath.Normalize(path));
            file = node switch
            {
                MfsFileNode f => f,
                MfsDirectoryNode => throw MfsException.IsADirectory(MfsPath.Normalize(path)),
                _ => throw new MfsException(MfsErrorKind.InvalidArgument, $"{MfsPath.Normalize(path)}: is a symlink; open its target instead"),
            };
        }
        return await OpenFileLockedAsync(file, flags, ct, layout is null ? null : blocks).ConfigureAwait(false);
    }, ct);

    /// <summary>Counts a new handle of <paramref name="file"/>, truncating first when asked (the tree lock is held);
    /// a writer with its own <paramref name="layout"/> re-lays out a clean file first.</summary>
    private async Task<MfsFileHandle> OpenFileLockedAsync(MfsFileNode file, MfsOpenFlags flags, CancellationToken ct, DagBlocks? layout = null)
    {
        await file.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (layout is not null && flags.HasFlag(MfsOpenFlags.Write)) await RelayoutAsync(file, layout, ct).ConfigureAwait(false);
            if (flags.HasFlag(MfsOpenFlags.Truncate) && flags.HasFlag(MfsOpenFlags.Write) && file.Content.Length != 0)
            {
                await file.Content.TruncateAsync(0, ct).ConfigureAwait(false);
                file.ChangedWhileOpen = true;
                NoteFileWritten(file);
            }
            file.OpenHandles++;
        }
        finally { file.Lock.Release(); }
        return new MfsFileHandle(this, file, flags);
    }

    private DagBlocks BlocksFor(MfsLayout? layout)
    {
        if (layout is null || layout == _blocks.Layout) return _blocks;
        layout.Validate();
        return _blocks.WithLayout(layout);
    }

    /// <summary>Reloads a clean, unopened file's content with another layout (its clean blocks stay shared).</summary>
    private static async ValueTask RelayoutAsync(MfsFileNode file, DagBlocks blocks, CancellationToken ct)
    {
        var content = file.Content;
        if (content.Layout == blocks.Layout || content.IsDirty || file.OpenHandles != 0) return;
        var (cid, tsize, links) = await content.FlushAsync(ct).ConfigureAwait(false); // clean: no block is written
        var relaid = new FileContent(blocks, cid, tsize, content.Length, links);
        relaid.SetMetadata(content.Mode, content.Mtime);
        file.Content = relaid;
    }

    public Task MkdirAsync(string path, bool parents = false, CancellationToken ct = default) => ChangingAsync([path], async () =>
    {
        var parts = MfsPath.Split(path);
        if (parts.Length == 0)
        {
            if (parents) return true;
            throw MfsException.Exists("/");
        }
        MfsDirectoryNode dir = _root;
        for (int i = 0; i < parts.Length; i++)
        {
            var child = await ChildAsync(dir, parts[i], ct).ConfigureAwait(false);
            bool last = i == parts.Length - 1;
            if (child is MfsDirectoryNode d && (!last || parents)) { dir = d; continue; }
            if (child is not null)
                throw last ? MfsException.Exists(MfsPath.Normalize(path)) : MfsException.NotADirectory("/" + string.Join('/', parts[..(i + 1)]));
            if (!last && !parents) throw MfsException.NotFound("/" + string.Join('/', parts[..(i + 1)]));
            var created = new MfsDirectoryNode(null, null) { CidVersion = dir.CidVersion, HashCode = dir.HashCode };
            Attach(dir, parts[i], created);
            dir = created;
        }
        NoteTreeChanged();
        return true;
    }, ct);

    public Task RmdirAsync(string path, CancellationToken ct = default) => ChangingAsync([path], async () =>
    {
        var (dir, name) = await ResolveParentAsync(path, ct).ConfigureAwait(false);
        var node = await ChildAsync(dir, name, ct).ConfigureAwait(false) ?? throw MfsException.NotFound(MfsPath.Normalize(path));
        if (node is not MfsDirectoryNode d) throw MfsException.NotADirectory(MfsPath.Normalize(path));
        if (d.Entries.Count != 0) throw MfsException.NotEmpty(MfsPath.Normalize(path));
        Detach(dir, name);
        NoteTreeChanged();
        return true;
    }, ct);

    /// <summary>Removes a file or symlink; an open handle of the file stays usable until closed.</summary>
    public Task UnlinkAsync(string path, CancellationToken ct = default) => ChangingAsync([path], async () =>
    {
        var (dir, name) = await ResolveParentAsync(path, ct).ConfigureAwait(false);
        var node = await ChildAsync(dir, name, ct).ConfigureAwait(false) ?? throw MfsException.NotFound(MfsPath.Normalize(path));
        if (node is MfsDirectoryNode) throw MfsException.IsADirectory(MfsPath.Normalize(path));
        Detach(dir, name);
        NoteTreeChanged();
        return true;
    }, ct);

    /// <summary>`files rm`: removes any entry; a non-empty directory needs <paramref name="recursive"/>.</summary>
    public Task RemoveAsync(string path, bool recursive, CancellationToken ct = default) => ChangingAsync([path], async () =>
    {
        var (dir, name) = await ResolveParentAsync(path, ct).ConfigureAwait(false);
        var node = await ChildAsync(dir, name, ct).ConfigureAwait(false) ?? throw MfsException.NotFound(MfsPath.Normalize(path));
        if (node is MfsDirectoryNode d && d.Entries.Count != 0 && !recursive) throw MfsException.NotEmpty(MfsPath.Normalize(path));
        Detach(dir, name);
        NoteTreeChanged();
        return true;
    }, ct);

    /// <summary>Atomic rename; replaces an existing file, or an empty directory when moving a directory.</summary>
    public Task RenameAsync(string from, string to, CancellationToken ct = default) => ChangingAsync([from, to], async () =>
    {
        var (srcDir, srcName) = await ResolveParentAsync(from, ct).ConfigureAwait(false);
        var (dstDir, dstName) = await ResolveParentAsync(to, ct).ConfigureAwait(false);
        await RenameLockedAsync(srcDir, srcName, dstDir, dstName, noReplace: false, ct).ConfigureAwait(false);
        return true;
    }, ct);

    private async Task RenameLockedAsync(MfsDirectoryNode srcDir, string srcName, MfsDirectoryNode dstDir, string dstName,
        bool noReplace, CancellationToken ct)
    {
        string from = MfsPath.Combine(srcDir.PathFromRoot(), srcName), to = MfsPath.Combine(dstDir.PathFromRoot(), dstName);
        var node = await ChildAsync(srcDir, srcName, ct).ConfigureAwait(false) ?? throw MfsException.NotFound(from);
        if (ReferenceEquals(srcDir, dstDir) && srcName == dstName) return;
        for (MfsNode? n = dstDir; n is not null; n = n.Parent)
            if (ReferenceEquals(n, node))
                throw new MfsException(MfsErrorKind.InvalidArgument, $"cannot move {from} into itself ({to})");
        var existing = await ChildAsync(dstDir, dstName, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (noReplace) throw MfsException.Exists(to);
            if (node is MfsDirectoryNode)
            {
                if (existing is not MfsDirectoryNode ed) throw MfsException.NotADirectory(to);
                if (ed.Entries.Count != 0) throw MfsException.NotEmpty(to);
            }
            else if (existing is MfsDirectoryNode) throw MfsException.IsADirectory(to);
        }
        var slot = srcDir.Entries[srcName];
        if (existing is not null) Detach(dstDir, dstName);
        srcDir.RemoveEntry(srcName);
        srcDir.MarkDirty();
        NoteDirectoryChanged(srcDir);
        Attach(dstDir, dstName, node, slot);
        NoteTreeChanged();
    }

    public Task SymlinkAsync(string target, string path, CancellationToken ct = default) => ChangingAsync([path], async () =>
    {
        if (string.IsNullOrEmpty(target)) throw new MfsException(MfsErrorKind.InvalidArgument, "a symlink target cannot be empty");
        var (dir, name) = await ResolveParentAsync(path, ct).ConfigureAwait(false);
        if (await ChildAsync(dir, name, ct).ConfigureAwait(false) is not null) throw MfsException.Exists(MfsPath.Normalize(path));
        Attach(dir, name, new MfsSymlinkNode(target, null, null));
        NoteTreeChanged();
        return true;
    }, ct);

    public Task<string> ReadlinkAsync(string path, CancellationToken ct = default) => LockedAsync(async () =>
    {
        var node = await ResolveAsync(path, ct).ConfigureAwait(false);
        return node is MfsSymlinkNode s ? s.Target
            : throw new MfsException(MfsErrorKind.InvalidArgument, $"{MfsPath.Normalize(path)}: not a symlink");
    }, ct);

    /// <summary>Hard links cannot be represented in UnixFS: always refused.</summary>
    public Task LinkAsync(string existing, string newPath, CancellationToken ct = default) =>
        throw new MfsException(MfsErrorKind.NotSupported,
            $"hard links are not supported in MFS ({newPath} -> {existing}): a UnixFS DAG cannot give one mutable file two names; copy it with `files cp` or use a symlink");

    /// <summary>Sets the UnixFS mode (permission bits 0–07777).</summary>
    public Task ChmodAsync(string path, uint mode, CancellationToken ct = default) =>
        SetMetadataAsync(path, mode & 0xFFF, null, ct);

    /// <summary>Sets the UnixFS mtime.</summary>
    public Task UtimensAsync(string path, MfsTime mtime, CancellationToken ct = default) =>
        SetMetadataAsync(path, null, mtime, ct);

    private Task SetMetadataAsync(string path, uint? mode, MfsTime? mtime, CancellationToken ct) => ChangingAsync([path], async () =>
    {
        var node = await ResolveAsync(path, ct).ConfigureAwait(false);
        await SetMetadataLockedAsync(node, mode, mtime, ct).ConfigureAwait(false);
        return true;
    }, ct);

    private async Task SetMetadataLockedAsync(MfsNode node, uint? mode, MfsTime? mtime, CancellationToken ct)
    {
        switch (node)
        {
            case MfsFileNode f:
                await f.Lock.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    if (mode is { } m) f.Content.SetMode(m);
                    if (mtime is { } t) f.Content.SetMtime(t);
                }
                finally { f.Lock.Release(); }
                NoteFileChanged(f);
                break;
            case MfsDirectoryNode d:
                if (mode is not null) d.Mode = mode;
                if (mtime is not null) d.Mtime = mtime;
                d.MarkDirty();
                break;
            case MfsSymlinkNode s:
                if (mode is not null) s.Mode = mode;
                if (mtime is not null) s.Mtime = mtime;
                s.CleanCid = null;
                s.Parent?.MarkDirty();
                break;
        }
        NoteTreeChanged();
    }

    /// <summary>`files chcid`: the CID version and/or hash of a directory's own block (children keep theirs;
    /// new subdirectories inherit it, like Kubo's CID prefix).</summary>
    public Task ChangeCidAsync(string path, int? cidVersion, ulong? hashCode, CancellationToken ct = default) => ChangingAsync([path], async () =>
    {
        var node = await ResolveAsync(path, ct).ConfigureAwait(false);
        if (node is not MfsDirectoryNode dir) throw MfsException.NotADirectory(MfsPath.Normalize(path));
        int version = cidVersion ?? dir.CidVersion ?? _options.Layout.CidVersion;
        ulong hash = hashCode ?? dir.HashCode ?? _options.Layout.HashCode;
        if (version is not (0 or 1)) throw new MfsException(MfsErrorKind.InvalidArgument, "--cid-version must be 0 or 1");
        if (!Multihash.CanCompute(hash)) throw new MfsException(MfsErrorKind.InvalidArgument, $"hash {Multicodec.Name(hash)} is not supported: use sha2-256 or blake3");
        if (version == 0 && hash != Multicodec.Sha2_256)
            throw new MfsException(MfsErrorKind.InvalidArgument, "CIDv0 only allows sha2-256; use --cid-version=1 with another hash");
        (dir.CidVersion, dir.HashCode) = (version, hash);
        dir.MarkDirty();
        NoteTreeChanged();
        return true;
    }, ct);
}
