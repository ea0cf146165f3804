// The write half of the inode-level API: create, mkdir, unlink, rmdir, rename, symlink, setattr, write, fsync,
// statfs. A node that lacks the capability is read-only (EROFS), e.g. everything under /ipfs.
namespace IpfsMount.Vfs;

public sealed partial class VirtualFileSystem
{
    private const int MaxNameLength = 255;

    /// <summary>Creates (or opens) a regular file and opens it; the entry counts as one lookup.</summary>
    public async ValueTask<(VfsEntry Entry, ulong Handle)> CreateAsync(ulong parent, string name, uint mode, VfsOpenFlags flags,
        CancellationToken ct)
    {
        var (dir, creator) = Capable<ICreate>(parent, name);
        using var timeout = StartTimeout(ct);
        var (node, handle) = await Guard(creator.CreateAsync(name, mode, flags | VfsOpenFlags.Create, timeout.Token), ct).ConfigureAwait(false);
        if (handle is null) throw new VfsException(VfsError.InvalidArgument, $"create of '{name}' asked for no access");
        var attributes = await Guard(node.GetAttributesAsync(timeout.Token), ct).ConfigureAwait(false);
        var entry = Remember(dir, node, attributes);
        return (entry, files.Add(new OpenFile(NodeOf(entry.Inode), handle)));
    }

    /// <summary>mknod of a regular file: creates it without opening it (other file types are refused).</summary>
    public async ValueTask<VfsEntry> MknodAsync(ulong parent, string name, uint mode, CancellationToken ct)
    {
        var (dir, creator) = Capable<ICreate>(parent, name);
        using var timeout = StartTimeout(ct);
        var (node, handle) = await Guard(creator.CreateAsync(name, mode, VfsOpenFlags.Create | VfsOpenFlags.Exclusive, timeout.Token), ct)
            .ConfigureAwait(false);
        if (handle is not null) await handle.DisposeAsync().ConfigureAwait(false);
        return await EntryOfAsync(dir, node, timeout.Token, ct).ConfigureAwait(false);
    }

    public async ValueTask<VfsEntry> MkdirAsync(ulong parent, string name, uint mode, CancellationToken ct)
    {
        var (dir, maker) = Capable<IMkdir>(parent, name);
        using var timeout = StartTimeout(ct);
        var node = await Guard(maker.MkdirAsync(name, mode, timeout.Token), ct).ConfigureAwait(false);
        return await EntryOfAsync(dir, node, timeout.Token, ct).ConfigureAwait(false);
    }

    public async ValueTask<VfsEntry> SymlinkAsync(ulong parent, string name, string target, CancellationToken ct)
    {
        var (dir, linker) = Capable<ISymlink>(parent, name);
        using var timeout = StartTimeout(ct);
        var node = await Guard(linker.SymlinkAsync(name, target, timeout.Token), ct).ConfigureAwait(false);
        return await EntryOfAsync(dir, node, timeout.Token, ct).ConfigureAwait(false);
    }

    public async ValueTask UnlinkAsync(ulong parent, string name, CancellationToken ct)
    {
        var (_, remover) = Capable<IUnlink>(parent, name);
        using var timeout = StartTimeout(ct);
        await Guard(remover.UnlinkAsync(name, timeout.Token), ct).ConfigureAwait(false);
    }

    public async ValueTask RmdirAsync(ulong parent, string name, CancellationToken ct)
    {
        var (_, remover) = Capable<IRmdir>(parent, name);
        using var timeout = StartTimeout(ct);
        await Guard(remover.RmdirAsync(name, timeout.Token), ct).ConfigureAwait(false);
    }

    public async ValueTask RenameAsync(ulong parent, string name, ulong newParent, string newName, bool noReplace, CancellationToken ct)
    {
        var (_, mover) = Capable<IRename>(parent, name);
        CheckName(newName);
        var target = inodes.Get(newParent);
        if (target is not IRename)
        {
            throw target is ILookup
                ? new VfsException(VfsError.CrossDevice, $"cannot move '{name}' into a read-only tree: copy it instead")
                : new VfsException(VfsError.NotDirectory, $"inode {newParent} is not a directory");
        }
        using var timeout = StartTimeout(ct);
        await Guard(mover.RenameAsync(name, target, newName, noReplace, timeout.Token), ct).ConfigureAwait(false);
    }

    /// <summary>Hard links: a UnixFS DAG cannot give one mutable file two names.</summary>
    public void Link(ulong inode, ulong newParent, string newName)
    {
        var node = inodes.Get(inode);
        if (node.IsImmutable || inodes.Get(newParent) is not ICreate)
            throw new VfsException(VfsError.ReadOnly, $"cannot link '{newName}': the target directory is read-only");
        throw new VfsException(VfsError.NotPermitted,
            $"hard links are not supported ('{newName}'): a UnixFS DAG cannot give one file two names; copy it or use a symlink");
    }

    /// <summary>setxattr/removexattr: extended attributes are computed (user.ipfs.cid), never stored.</summary>
    public void ChangeXattr(ulong inode)
    {
        throw inodes.Get(inode) is ISetAttributes
            ? new VfsException(VfsError.NotSupported, "extended attributes cannot be set here: user.ipfs.cid is computed from the content")
            : new VfsException(VfsError.ReadOnly, $"inode {inode} is read-only");
    }

    /// <summary>chmod/truncate/utimens; a size change goes through <paramref name="handle"/> when the caller has one open.</summary>
    public async ValueTask<VfsEntry> SetAttributesAsync(ulong inode, VfsAttributeChanges changes, ulong? handle, CancellationToken ct)
    {
        var node = inodes.Get(inode);
        if (node is not ISetAttributes setter) throw new VfsException(VfsError.ReadOnly, $"inode {inode} is read-only");
        using var timeout = StartTimeout(ct);
        if (changes.Size is { } size && handle is { } h && files.Get(h).Reader is IFileWriter writer)
        {
            await Guard(writer.TruncateAsync(size, timeout.Token), ct).ConfigureAwait(false);
            changes = changes with { Size = null };
        }
        if (changes != default) await Guard(setter.SetAttributesAsync(changes, timeout.Token), ct).ConfigureAwait(false);
        return await GetAttributesAsync(inode, ct).ConfigureAwait(false);
    }

    public async ValueTask WriteAsync(ulong handle, long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (files.Get(handle).Reader is not IFileWriter writer)
            throw new VfsException(VfsError.BadHandle, $"handle {handle} is not open for writing");
        using var timeout = StartTimeout(ct);
        await Guard(writer.WriteAsync(offset, data, timeout.Token), ct).ConfigureAwait(false);
        Statistics.CountWrite(data.Length);
    }

    /// <summary>
    /// Writes now if the file can take the bytes without I/O or waiting (<see cref="IFileWriter.TryWrite"/>), so a
    /// caller holding a short-lived buffer (the FUSE callback's) copies it once; false: use <see cref="WriteAsync"/>.
    /// </summary>
    public bool TryWrite(ulong handle, long offset, ReadOnlySpan<byte> data)
    {
        if (files.Get(handle).Reader is not IFileWriter writer)
            throw new VfsException(VfsError.BadHandle, $"handle {handle} is not open for writing");
        bool written;
        try
        {
            written = writer.TryWrite(offset, data);
        }
        catch (Mfs.MfsException e)
        {
            throw new VfsException(Writable.MfsTreeScope.ErrorOf(e.Kind), e.Message, e);
        }
        if (written) Statistics.CountWrite(data.Length);
        return written;
    }

    /// <summary>Throws InvalidHandle when <paramref name="handle"/> is not an open file.</summary>
    public void CheckHandle(ulong handle) => files.Get(handle);

    /// <summary>fsync/fsyncdir: makes the node's tree durable (an MFS commit); a no-op for read-only trees.</summary>
    public async ValueTask SyncAsync(ulong inode, CancellationToken ct)
    {
        if (inodes.Get(inode) is not ISync sync) return;
        using var timeout = StartTimeout(ct);
        await Guard(sync.SyncAsync(timeout.Token), ct).ConfigureAwait(false);
    }

    /// <summary>The space behind <paramref name="inode"/>'s tree, or null when it has none to report (read-only trees).</summary>
    public VfsSpace? SpaceOf(ulong inode) => inodes.Get(inode) is IStatFs s ? s.GetSpace() : null;

    private async ValueTask<OpenFile> OpenWriteFileAsync(VfsNode node, ulong inode, VfsOpenFlags flags, CancellationToken ct)
    {
        if (node is not IWritableFile writable)
        {
            throw node is ILookup && !node.IsImmutable && node is ICreate
                ? new VfsException(VfsError.IsDirectory, $"inode {inode} is a directory")
                : new VfsException(VfsError.ReadOnly, $"inode {inode} is read-only");
        }
        using var timeout = StartTimeout(ct);
        var writer = await Guard(writable.OpenWriteAsync(flags, timeout.Token), ct).ConfigureAwait(false);
        return new OpenFile(node, writer);
    }

    private async ValueTask<ulong> OpenWriteAsync(VfsNode node, ulong inode, VfsOpenFlags flags, CancellationToken ct) =>
        files.Add(await OpenWriteFileAsync(node, inode, flags, ct).ConfigureAwait(false));

    private async ValueTask<VfsEntry> EntryOfAsync(VfsNode dir, VfsNode node, CancellationToken timeout, CancellationToken ct)
    {
        var attributes = await Guard(node.GetAttributesAsync(timeout), ct).ConfigureAwait(false);
        return Remember(dir, node, attributes);
    }

    /// <summary>The directory <paramref name="parent"/> as capability <typeparamref name="T"/>, or the error a
    /// read-only or non-directory parent gets.</summary>
    private (VfsNode Directory, T Capability) Capable<T>(ulong parent, string name)
        where T : class
    {
        CheckName(name);
        var dir = inodes.Get(parent);
        if (dir is T capability) return (dir, capability);
        throw dir is ILookup
            ? new VfsException(VfsError.ReadOnly, $"'{name}': the directory is read-only (only /mfs is writable)")
            : new VfsException(VfsError.NotDirectory, $"inode {parent} is not a directory");
    }

    private static void CheckName(string name)
    {
        if (name.Length > MaxNameLength)
            throw new VfsException(VfsError.NameTooLong, $"name '{name[..32]}…' is longer than {MaxNameLength} characters");
    }
}
