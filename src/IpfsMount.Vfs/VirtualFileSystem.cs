// The platform-neutral file system: inode-addressed operations over the node tree, used by the FUSE and Dokan adapters.
using IpfsMount.Vfs.Inodes;

namespace IpfsMount.Vfs;

/// <summary>
/// Inode-level operations (lookup, forget, getattr, open/read/release, opendir/readdir, readlink, xattrs)
/// over a tree of <see cref="VfsNode"/>s. Every operation that may wait for blocks runs under
/// <see cref="VfsOptions.BlockTimeout"/> and fails with <see cref="VfsError.TimedOut"/> instead of hanging.
/// All members are thread-safe.
/// </summary>
public sealed partial class VirtualFileSystem : IAsyncDisposable
{
    private const string UserXattrPrefix = "user.";
    private readonly InodeTable inodes;
    private readonly HandleTable<OpenFile> files = new();
    private readonly HandleTable<DirectoryHandle> directories = new();

    public VirtualFileSystem(VfsNode root, VfsOptions options)
    {
        Root = root;
        Options = options;
        inodes = new InodeTable(root);
    }

    public VfsNode Root { get; }
    public VfsOptions Options { get; }
    public VfsStatistics Statistics { get; } = new();
    public int LiveInodes => inodes.Count;
    public int OpenFiles => files.Count;

    public VfsNode NodeOf(ulong inode) => inodes.Get(inode);

    /// <summary>The inode of the node with <paramref name="identity"/> (<see cref="VfsNode.Identity"/>) while the kernel knows it.</summary>
    public ulong? TryInodeOf(object identity) => inodes.TryGetInode(identity);

    public async ValueTask<VfsEntry> LookupAsync(ulong parent, string name, CancellationToken ct)
    {
        if (name.Length > 255) throw new VfsException(VfsError.NameTooLong, $"name '{name[..32]}…' is longer than 255 characters");
        var dir = inodes.Get(parent) as ILookup
            ?? throw new VfsException(VfsError.NotDirectory, $"inode {parent} is not a directory");
        using var timeout = StartTimeout(ct);
        var child = await Guard(dir.LookupAsync(name, timeout.Token), ct).ConfigureAwait(false)
            ?? throw new VfsException(VfsError.NotFound, $"no entry '{name}'");
        var attributes = await Guard(child.GetAttributesAsync(timeout.Token), ct).ConfigureAwait(false);
        return Remember((VfsNode)dir, child, attributes);
    }

    /// <summary>Registers a child with the kernel: one lookup reference (readdirplus entries count too).</summary>
    public VfsEntry Remember(VfsNode parent, VfsNode child, VfsAttributes attributes)
    {
        var (inode, kept) = inodes.Acquire(child, parent);
        return new VfsEntry(inode, attributes, Options.CacheTimeoutFor(parent), Options.CacheTimeoutFor(kept));
    }

    public void Forget(ulong inode, ulong count) => inodes.Forget(inode, count);

    public long LookupCount(ulong inode) => inodes.LookupCount(inode);

    public async ValueTask<VfsEntry> GetAttributesAsync(ulong inode, CancellationToken ct)
    {
        var node = inodes.Get(inode);
        using var timeout = StartTimeout(ct);
        var attributes = await Guard(node.GetAttributesAsync(timeout.Token), ct).ConfigureAwait(false);
        var timeout2 = Options.CacheTimeoutFor(node);
        return new VfsEntry(inode, attributes, timeout2, timeout2);
    }

    public ValueTask<ulong> OpenAsync(ulong inode, bool write, CancellationToken ct) =>
        OpenAsync(inode, write ? VfsOpenFlags.ReadWrite : VfsOpenFlags.Read, ct);

    public async ValueTask<ulong> OpenAsync(ulong inode, VfsOpenFlags flags, CancellationToken ct)
    {
        var node = inodes.Get(inode);
        if ((flags & (VfsOpenFlags.Write | VfsOpenFlags.Truncate | VfsOpenFlags.Append)) != 0) return await OpenWriteAsync(node, inode, flags, ct).ConfigureAwait(false);
        if (node is not IReadableFile readable)
        {
            throw node is ILookup
                ? new VfsException(VfsError.IsDirectory, $"inode {inode} is a directory")
                : new VfsException(VfsError.NotFound, $"inode {inode} has no content to read");
        }
        using var timeout = StartTimeout(ct);
        var reader = await Guard(readable.OpenReadAsync(timeout.Token), ct).ConfigureAwait(false);
        return files.Add(new OpenFile(node, reader));
    }

    /// <summary>True when the open file's content may stay in the kernel page cache across opens.</summary>
    public bool KeepCache(ulong handle) => files.Get(handle).Node.IsImmutable;

    public async ValueTask<int> ReadAsync(ulong handle, long offset, Memory<byte> buffer, CancellationToken ct)
    {
        var file = files.Get(handle);
        using var timeout = StartTimeout(ct);
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await Guard(file.Reader.ReadAsync(offset + total, buffer[total..], timeout.Token), ct).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        Statistics.CountRead(total);
        return total;
    }

    public async ValueTask ReleaseAsync(ulong handle)
    {
        var file = files.Remove(handle);
        if (file is not null) await file.Reader.DisposeAsync().ConfigureAwait(false);
    }

    public ulong OpenDirectory(ulong inode)
    {
        var node = inodes.Get(inode);
        if (node is not IDirectoryLister) throw new VfsException(VfsError.NotDirectory, $"inode {inode} is not a listable directory");
        return directories.Add(new DirectoryHandle(node, inode));
    }

    /// <summary>
    /// The inodes that `.` and `..` of an open directory list: the directory itself, and the directory it was last
    /// reached through (the mount root's `..` is the root itself, as the kernel shows it inside the mount).
    /// </summary>
    public (ulong Self, ulong Parent) DotInodesOf(ulong handle)
    {
        var self = directories.Get(handle).Inode;
        return (self, inodes.ParentOf(self));
    }

    /// <summary>The directory an open directory handle lists (the parent of the entries it returns).</summary>
    public VfsNode DirectoryOf(ulong handle) => directories.Get(handle).Directory;

    public async ValueTask<IReadOnlyList<VfsDirEntry>> ReadDirectoryAsync(ulong handle, long offset, int max, CancellationToken ct)
    {
        var dir = directories.Get(handle);
        using var timeout = StartTimeout(ct);
        return await Guard(dir.ReadAsync(offset, max, timeout.Token), ct).ConfigureAwait(false);
    }

    /// <summary>Attributes of many listed children at once (readdirplus, ls -l); pending ones are resolved concurrently.</summary>
    public ValueTask<VfsAttributes[]> AttributesOfAsync(IReadOnlyList<VfsDirEntry> entries, CancellationToken ct)
    {
        var result = new VfsAttributes[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var pending = entries[i].Node.GetAttributesAsync(ct);
            if (!pending.IsCompletedSuccessfully) return ResolveAttributesAsync(entries, result, i, pending, ct);
            result[i] = pending.Result;
        }
        return ValueTask.FromResult(result);
    }

    private async ValueTask<VfsAttributes[]> ResolveAttributesAsync(IReadOnlyList<VfsDirEntry> entries, VfsAttributes[] result,
        int first, ValueTask<VfsAttributes> firstPending, CancellationToken ct)
    {
        using var timeout = StartTimeout(ct);
        result[first] = await Guard(firstPending, ct).ConfigureAwait(false);
        await Guard(Parallel.ForAsync(first + 1, entries.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Options.ListingParallelism, CancellationToken = timeout.Token },
            async (i, token) => result[i] = await entries[i].Node.GetAttributesAsync(token).ConfigureAwait(false)), ct)
            .ConfigureAwait(false);
        return result;
    }

    public async ValueTask ReleaseDirectoryAsync(ulong handle)
    {
        var dir = directories.Remove(handle);
        if (dir is not null) await dir.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask<string> ReadLinkAsync(ulong inode, CancellationToken ct)
    {
        var link = inodes.Get(inode) as IReadLink
            ?? throw new VfsException(VfsError.NotSymlink, $"inode {inode} is not a symlink");
        using var timeout = StartTimeout(ct);
        return await Guard(link.ReadLinkAsync(timeout.Token), ct).ConfigureAwait(false);
    }

    public IReadOnlyList<string> ListXattrs(ulong inode) =>
        inodes.Get(inode) is IXattrs x ? x.ListXattrs() : Array.Empty<string>();

    /// <summary>
    /// Says at once, without I/O or an exception, why the node cannot have attribute <paramref name="name"/>:
    /// <see cref="VfsError.NotSupported"/> outside the user. namespace (security.selinux, system.posix_acl_*: `ls -l`
    /// asks both for every file, and takes "not supported" as true for the whole file system), and
    /// <see cref="VfsError.NoAttribute"/> for a name the node does not list. Null when the node lists it.
    /// </summary>
    public VfsError? XattrAbsence(ulong inode, string name)
    {
        if (!name.StartsWith(UserXattrPrefix, StringComparison.Ordinal)) return VfsError.NotSupported;
        if (inodes.Get(inode) is not IXattrs x) return VfsError.NoAttribute;
        var names = x.ListXattrs();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return null;
        }
        return VfsError.NoAttribute;
    }

    /// <summary>The attribute's value, or null when the node does not have it (see <see cref="XattrAbsence"/>).</summary>
    public async ValueTask<byte[]?> GetXattrAsync(ulong inode, string name, CancellationToken ct)
    {
        if (XattrAbsence(inode, name) is not null || inodes.Get(inode) is not IXattrs x) return null;
        using var timeout = StartTimeout(ct);
        return await Guard(x.GetXattrAsync(name, timeout.Token), ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in files.Snapshot()) await file.Reader.DisposeAsync().ConfigureAwait(false);
        foreach (var dir in directories.Snapshot()) await dir.DisposeAsync().ConfigureAwait(false);
    }

    private CancellationTokenSource StartTimeout(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Options.BlockTimeout);
        return cts;
    }

    /// <summary>Turns the expiry of the block timeout into <see cref="VfsError.TimedOut"/> (EIO for the caller).</summary>
    private async ValueTask<T> Guard<T>(ValueTask<T> operation, CancellationToken caller)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!caller.IsCancellationRequested)
        {
            Statistics.CountTimeout();
            throw new VfsException(VfsError.TimedOut, $"the blocks needed were not available within {Options.BlockTimeout.TotalSeconds:0.#} s", e);
        }
        catch (Mfs.MfsException e)
        {
            throw new VfsException(Writable.MfsTreeScope.ErrorOf(e.Kind), e.Message, e);
        }
    }

    private async ValueTask Guard(ValueTask operation, CancellationToken caller)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!caller.IsCancellationRequested)
        {
            Statistics.CountTimeout();
            throw new VfsException(VfsError.TimedOut, $"the operation did not finish within {Options.BlockTimeout.TotalSeconds:0.#} s", e);
        }
        catch (Mfs.MfsException e)
        {
            throw new VfsException(Writable.MfsTreeScope.ErrorOf(e.Kind), e.Message, e);
        }
    }

    private async ValueTask Guard(Task operation, CancellationToken caller) =>
        await Guard(new ValueTask<bool>(operation.ContinueWith(static t => { t.GetAwaiter().GetResult(); return true; },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)), caller).ConfigureAwait(false);

    private sealed record OpenFile(VfsNode Node, IFileReader Reader);
}
