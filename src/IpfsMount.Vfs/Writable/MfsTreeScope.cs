// What every /mfs node of a mount shares: the process's one MfsTree and the space of the store behind it.
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

/// <param name="Tree">the live MFS tree (the daemon's one instance: never a second tree over the same repo).</param>
/// <param name="Space">free space for statfs, e.g. <c>() =&gt; VfsSpace.Of(repoPath)</c>.</param>
public sealed record MfsTreeScope(MfsTree Tree, Func<VfsSpace> Space)
{
    /// <summary>st_blksize: the largest FUSE write (FuseMountOptions.MaxRequestBytes), so `cp` and other tools that size
    /// their buffers by it send 1 MiB per request instead of four 256 KiB round trips.</summary>
    private const int BlockSize = 1024 * 1024;

    /// <summary>A node for <paramref name="node"/> of its kind.</summary>
    public VfsNode NodeFor(MfsNodeRef node) => node.Kind switch
    {
        MfsEntryKind.Directory => new MfsTreeDirectoryNode(this, node),
        MfsEntryKind.Symlink => new MfsTreeSymlinkNode(this, node),
        _ => new MfsTreeFileNode(this, node),
    };

    /// <summary>Attributes from the live node; without a stored UnixFS mtime, the time of the last change in this process.</summary>
    public VfsAttributes AttributesOf(MfsNodeRef node)
    {
        var info = Tree.Describe(node);
        var (kind, defaultMode) = info.Kind switch
        {
            MfsEntryKind.Directory => (VfsNodeKind.Directory, 0b111_101_101u),
            MfsEntryKind.Symlink => (VfsNodeKind.Symlink, 0b111_111_111u),
            _ => (VfsNodeKind.File, 0b110_100_100u),
        };
        var mtime = info.Mtime?.ToDateTimeOffset() ?? info.Modified ?? DateTimeOffset.UnixEpoch;
        return new VfsAttributes(kind, kind == VfsNodeKind.Directory ? 0 : info.Size, (info.Mode ?? defaultMode) & 0xFFF, mtime, BlockSize);
    }

    /// <summary>The one table from MFS error kinds to VFS errors (adapters map those to errno / NTSTATUS).</summary>
    public static VfsError ErrorOf(MfsErrorKind kind) => kind switch
    {
        MfsErrorKind.NotFound => VfsError.NotFound,
        MfsErrorKind.AlreadyExists => VfsError.AlreadyExists,
        MfsErrorKind.NotEmpty => VfsError.NotEmpty,
        MfsErrorKind.NotADirectory => VfsError.NotDirectory,
        MfsErrorKind.IsADirectory => VfsError.IsDirectory,
        MfsErrorKind.InvalidArgument => VfsError.InvalidArgument,
        MfsErrorKind.NotSupported => VfsError.NotPermitted,
        MfsErrorKind.BadHandle => VfsError.BadHandle,
        _ => VfsError.Corrupt,
    };
}
