// Node-addressed MFS operations for mounts (go-fuse style: a parent node plus a name), so an inode keeps
// working across renames of its ancestors and an unlinked file stays usable through its handles.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree
{
    /// <summary>The root directory now (a rollback replaces it).</summary>
    public MfsNodeRef RootRef => Volatile.Read(ref _root).Ref;

    /// <summary>The child <paramref name="name"/> of directory <paramref name="dir"/>, or null when there is none.</summary>
    public Task<MfsNodeRef?> LookupAsync(MfsNodeRef dir, string name, CancellationToken ct = default) => LockedAsync(async () =>
    {
        if (!MfsPath.IsValidName(name)) return null;
        var child = await ChildAsync(DirectoryOf(dir), name, ct).ConfigureAwait(false);
        return child?.Ref;
    }, ct);

    /// <summary>The entries of <paramref name="dir"/>, sorted by name (children are loaded to know their kinds).</summary>
    public Task<IReadOnlyList<KeyValuePair<string, MfsNodeRef>>> ChildrenAsync(MfsNodeRef dir, CancellationToken ct = default) =>
        LockedAsync(async () =>
        {
            var d = DirectoryOf(dir);
            var result = new List<KeyValuePair<string, MfsNodeRef>>(d.Entries.Count);
            foreach (var name in d.Entries.Keys.ToList())
            {
                if (await ChildAsync(d, name, ct).ConfigureAwait(false) is { } child) result.Add(new(name, child.Ref));
            }
            return (IReadOnlyList<KeyValuePair<string, MfsNodeRef>>)result;
        }, ct);

    /// <summary>Kind, size and metadata of a node, without flushing or waiting for a commit in progress.</summary>
    public MfsNodeInfo Describe(MfsNodeRef node)
    {
        var n = node.Node;
        long modified = Volatile.Read(ref n.ModifiedTicks);
        DateTimeOffset? changed = modified == 0 ? null : new DateTimeOffset(modified, TimeSpan.Zero);
        bool attached = n.IsAttachedTo(Volatile.Read(ref _root));
        return n switch
        {
            MfsFileNode f => new MfsNodeInfo(MfsEntryKind.File, f.Content.Length, f.Content.Mode, f.Content.Mtime, changed, attached),
            MfsDirectoryNode d => new MfsNodeInfo(MfsEntryKind.Directory, d.Entries.Count, d.Mode, d.Mtime, changed, attached),
            MfsSymlinkNode s => new MfsNodeInfo(MfsEntryKind.Symlink, System.Text.Encoding.UTF8.GetByteCount(s.Target), s.Mode, s.Mtime, changed, attached),
            _ => throw new InvalidOperationException("unknown MFS node type"),
        };
    }

    /// <summary>The target of a symlink node.</summary>
    public static string ReadLink(MfsNodeRef node) => node.Node is MfsSymlinkNode s
        ? s.Target
        : throw new MfsException(MfsErrorKind.InvalidArgument, $"{node.Path}: not a symlink");

    /// <summary>The node's CID now: flushes the tree to blocks (no version is recorded).</summary>
    public Task<Cid> CidOfAsync(MfsNodeRef node, CancellationToken ct = default) =>
        LockedAsync(async () => (await FlushNodeAsync(node.Node, ct).ConfigureAwait(false)).Cid, ct);

    /// <summary>Opens a file node (Truncate and Append honoured; Create/Exclusive do not apply to an existing node).</summary>
    public Task<MfsFileHandle> OpenAsync(MfsNodeRef node, MfsOpenFlags flags, CancellationToken ct = default) => LockedAsync(async () =>
    {
        if ((flags & MfsOpenFlags.ReadWrite) == 0)
            throw new MfsException(MfsErrorKind.InvalidArgument, "open needs Read and/or Write access");
        var file = node.Node switch
        {
            MfsFileNode f => f,
            MfsDirectoryNode => throw MfsException.IsADirectory(node.Path),
            _ => throw new MfsException(MfsErrorKind.InvalidArgument, $"{node.Path}: is a symlink; open its target instead"),
        };
        return await OpenFileLockedAsync(file, flags, ct).ConfigureAwait(false);
    }, ct);

    /// <summary>
    /// Creates (or, without Exclusive, opens) the file <paramref name="name"/> in <paramref name="dir"/>; a new file
    /// gets <paramref name="mode"/> (null: the UnixFS default 0644). Without Read/Write access no handle is returned.
    /// </summary>
    public Task<(MfsNodeRef Node, MfsFileHandle? Handle)> CreateAsync(MfsNodeRef dir, string name, uint? mode, MfsOpenFlags flags,
        CancellationToken ct = default) => LockedAsync(async () =>
    {
        var parent = AttachedDirectoryOf(dir);
        CheckName(name);
        var path = MfsPath.Combine(parent.PathFromRoot(), name);
        MfsFileNode file;
        switch (await ChildAsync(parent, name, ct).ConfigureAwait(false))
        {
            case null:
                file = new MfsFileNode(new FileContent(_blocks, null, 0, 0));
                if (mode is { } m) file.Content.SetMode(m & 0xFFF);
                Attach(parent, name, file);
                NoteFileWritten(file);
                break;
            case var _ when flags.HasFlag(MfsOpenFlags.Exclusive):
                throw MfsException.Exists(path);
            case MfsFileNode existing:
                file = existing;
                break;
            case MfsDirectoryNode:
                throw MfsException.IsADirectory(path);
            default:
                throw new MfsException(MfsErrorKind.AlreadyExists, $"{path}: exists and is a symlink");
        }
        if ((flags & MfsOpenFlags.ReadWrite) == 0) return (file.Ref, (MfsFileHandle?)null);
        return (file.Ref, await OpenFileLockedAsync(file, flags, ct).ConfigureAwait(false));
    }, ct);

    /// <summary>Creates directory <paramref name="name"/> in <paramref name="dir"/> (mode null: the UnixFS default 0755).</summary>
    public Task<MfsNodeRef> MkdirAsync(MfsNodeRef dir, string name, uint? mode, CancellationToken ct = default) => LockedAsync(async () =>
    {
        var parent = AttachedDirectoryOf(dir);
        CheckName(name);
        if (await ChildAsync(parent, name, ct).ConfigureAwait(false) is not null)
            throw MfsException.Exists(MfsPath.Combine(parent.PathFromRoot(), name));
        var created = new MfsDirectoryNode(DagBlocks.OmitDefault(mode & 0xFFF, DagBlocks.DefaultDirectoryMode), null)
        {
            CidVersion = parent.CidVersion,
            HashCode = parent.HashCode,
        };
        Attach(parent, name, created);
        NoteTreeChanged();
        return created.Ref;
    }, ct);

    /// <summary>Removes entry <paramref name="name"/>: a directory (empty) when <paramref name="directory"/>, else a file or symlink.</summary>
    public Task RemoveAsync(MfsNodeRef dir, string name, bool directory, CancellationToken ct = default) => LockedAsync(async () =>
    {
        var parent = AttachedDirectoryOf(dir);
        var path = MfsPath.Combine(parent.PathFromRoot(), name);
        var node = await ChildAsync(parent, name, ct).ConfigureAwait(false) ?? throw MfsException.NotFound(path);
        if (directory)
        {
            if (node is not MfsDirectoryNode d) throw MfsException.NotADirectory(path);
            if (d.Entries.Count != 0) throw MfsException.NotEmpty(path);
        }
        else if (node is MfsDirectoryNode) throw MfsException.IsADirectory(path);
        Detach(parent, name);
        NoteTreeChanged();
        return true;
    }, ct);

    /// <summary>Atomic rename between two directory nodes; <paramref name="noReplace"/> refuses an existing target.</summary>
    public Task RenameAsync(MfsNodeRef fromDir, string fromName, MfsNodeRef toDir, string toName, bool noReplace,
        CancellationToken ct = default) => LockedAsync(async () =>
    {
        var src = AttachedDirectoryOf(fromDir);
        var dst = AttachedDirectoryOf(toDir);
        CheckName(toName);
        await RenameLockedAsync(src, fromName, dst, toName, noReplace, ct).ConfigureAwait(false);
        return true;
    }, ct);

    public Task<MfsNodeRef> SymlinkAsync(MfsNodeRef dir, string name, string target, CancellationToken ct = default) => LockedAsync(async () =>
    {
        if (string.IsNullOrEmpty(target)) throw new MfsException(MfsErrorKind.InvalidArgument, "a symlink target cannot be empty");
        var parent = AttachedDirectoryOf(dir);
        CheckName(name);
        if (await ChildAsync(parent, name, ct).ConfigureAwait(false) is not null)
            throw MfsException.Exists(MfsPath.Combine(parent.PathFromRoot(), name));
        var link = new MfsSymlinkNode(target, null, null);
        Attach(parent, name, link);
        Volatile.Write(ref link.ModifiedTicks, _options.Clock.GetUtcNow().UtcTicks);
        NoteTreeChanged();
        return link.Ref;
    }, ct);

    /// <summary>Sets the UnixFS mode and/or mtime of a node (attached or not).</summary>
    public Task SetMetadataAsync(MfsNodeRef node, uint? mode, MfsTime? mtime, CancellationToken ct = default) => LockedAsync(async () =>
    {
        await SetMetadataLockedAsync(node.Node, mode & 0xFFF, mtime, ct).ConfigureAwait(false);
        return true;
    }, ct);

    /// <summary>Sets a file node's length (truncate(2) by inode); counts as an open and close of the file.</summary>
    public async Task TruncateAsync(MfsNodeRef node, long length, CancellationToken ct = default)
    {
        await using var handle = await OpenAsync(node, MfsOpenFlags.Write, ct).ConfigureAwait(false);
        await handle.TruncateAsync(length, ct).ConfigureAwait(false);
    }

    private static MfsDirectoryNode DirectoryOf(MfsNodeRef dir) =>
        dir.Node as MfsDirectoryNode ?? throw MfsException.NotADirectory(dir.Path);

    /// <summary>The directory, which must still be in the tree (creating in a removed directory is ENOENT).</summary>
    private MfsDirectoryNode AttachedDirectoryOf(MfsNodeRef dir)
    {
        var d = DirectoryOf(dir);
        if (!d.IsAttachedTo(_root)) throw new MfsException(MfsErrorKind.NotFound, $"{dir.Path}: the directory was removed");
        return d;
    }

    private static void CheckName(string name)
    {
        if (!MfsPath.IsValidName(name)) throw new MfsException(MfsErrorKind.InvalidArgument, $"'{name}' is not a valid file name");
    }
}
