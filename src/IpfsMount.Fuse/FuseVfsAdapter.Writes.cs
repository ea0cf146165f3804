// The write opcodes of the bridge (create, mknod, mkdir, unlink, rmdir, rename, symlink, link, setattr, write,
// flush, fsync): decode the kernel's arguments (open flags, setattr bits, rename flags) and call the VFS.
using IpfsMount.Core;
using IpfsMount.Fuse.Interop;
using IpfsMount.Vfs;

namespace IpfsMount.Fuse;

internal sealed partial class FuseVfsAdapter
{
    // <fcntl.h> (x86-64)
    internal const int OAccMode = 3;
    internal const int OWriteOnly = 1;
    internal const int OReadWrite = 2;
    internal const int OExclusive = 0x80;
    internal const int OTrunc = 0x200;
    internal const int OAppend = 0x400;

    // <sys/stat.h>
    internal const uint FileTypeMask = 0xF000;
    internal const uint RegularType = 0x8000;

    // fuse_lowlevel.h FUSE_SET_ATTR_*
    internal const int SetMode = 1 << 0;
    internal const int SetUid = 1 << 1;
    internal const int SetGid = 1 << 2;
    internal const int SetSize = 1 << 3;
    internal const int SetMtime = 1 << 5;
    internal const int SetMtimeNow = 1 << 8;

    // <linux/fs.h> renameat2 flags
    internal const uint RenameNoReplace = 1;

    public static VfsOpenFlags OpenFlags(int flags)
    {
        var result = (flags & OAccMode) switch
        {
            OWriteOnly => VfsOpenFlags.Write,
            OReadWrite => VfsOpenFlags.ReadWrite,
            _ => VfsOpenFlags.Read,
        };
        if ((flags & OTrunc) != 0) result |= VfsOpenFlags.Truncate;
        if ((flags & OAppend) != 0) result |= VfsOpenFlags.Append;
        if ((flags & OExclusive) != 0) result |= VfsOpenFlags.Exclusive;
        return result;
    }

    /// <param name="info">a copy: libfuse's struct lives only until the callback returns.</param>
    public void Create(nint req, ulong parent, string name, uint mode, FuseFileInfo info)
    {
        var flags = OpenFlags(info.Flags);
        Run(req, async (r, ct) =>
        {
            var (entry, handle) = await Vfs.CreateAsync(parent, name, mode & 0xFFF, flags, ct).ConfigureAwait(false);
            info.Fh = handle;
            FuseReplies.Create(r, entry, Vfs.Options, info);
        });
    }

    /// <summary>Regular files only: FIFOs, sockets and devices cannot live in UnixFS (EPERM).</summary>
    public void Mknod(nint req, ulong parent, string name, uint mode)
    {
        if ((mode & FileTypeMask) is not (RegularType or 0))
        {
            LibFuse.ReplyErr(req, ErrnoTable.For(VfsError.NotPermitted));
            return;
        }
        Run(req, async (r, ct) => FuseReplies.Entry(r, await Vfs.MknodAsync(parent, name, mode & 0xFFF, ct).ConfigureAwait(false), Vfs.Options));
    }

    public void Mkdir(nint req, ulong parent, string name, uint mode) =>
        Run(req, async (r, ct) => FuseReplies.Entry(r, await Vfs.MkdirAsync(parent, name, mode & 0xFFF, ct).ConfigureAwait(false), Vfs.Options));

    public void Symlink(nint req, string target, ulong parent, string name) =>
        Run(req, async (r, ct) => FuseReplies.Entry(r, await Vfs.SymlinkAsync(parent, name, target, ct).ConfigureAwait(false), Vfs.Options));

    public void Unlink(nint req, ulong parent, string name) =>
        Run(req, async (r, ct) =>
        {
            await Vfs.UnlinkAsync(parent, name, ct).ConfigureAwait(false);
            LibFuse.ReplyErr(r, 0);
        });

    public void Rmdir(nint req, ulong parent, string name) =>
        Run(req, async (r, ct) =>
        {
            await Vfs.RmdirAsync(parent, name, ct).ConfigureAwait(false);
            LibFuse.ReplyErr(r, 0);
        });

    /// <summary>rename and renameat2(RENAME_NOREPLACE); RENAME_EXCHANGE and RENAME_WHITEOUT are EINVAL.</summary>
    public void Rename(nint req, ulong parent, string name, ulong newParent, string newName, uint flags)
    {
        if ((flags & ~RenameNoReplace) != 0)
        {
            LibFuse.ReplyErr(req, ErrnoTable.For(VfsError.InvalidArgument));
            return;
        }
        Run(req, async (r, ct) =>
        {
            await Vfs.RenameAsync(parent, name, newParent, newName, (flags & RenameNoReplace) != 0, ct).ConfigureAwait(false);
            LibFuse.ReplyErr(r, 0);
        });
    }

    public void Link(nint req, ulong inode, ulong newParent, string newName)
    {
        Vfs.Link(inode, newParent, newName); // always throws: EPERM (or EROFS outside /mfs)
        LibFuse.ReplyErr(req, ErrnoTable.For(VfsError.NotPermitted));
    }

    public void ChangeXattr(nint req, ulong inode) => Vfs.ChangeXattr(inode);

    /// <summary>chmod, truncate/ftruncate, utimens (touch -d); chown only to the owner already reported (else EPERM).</summary>
    public void SetAttr(nint req, ulong inode, Stat attr, int toSet, ulong? handle)
    {
        if (((toSet & SetUid) != 0 && attr.Uid != Vfs.Options.Uid) || ((toSet & SetGid) != 0 && attr.Gid != Vfs.Options.Gid))
        {
            LibFuse.ReplyErr(req, ErrnoTable.For(VfsError.NotPermitted));
            return;
        }
        DateTimeOffset? mtime = (toSet & SetMtimeNow) != 0 ? DateTimeOffset.UtcNow
            : (toSet & SetMtime) != 0 ? DateTimeOffset.UnixEpoch.AddSeconds(attr.MtimeSec).AddTicks(attr.MtimeNsec / 100)
            : null;
        var changes = new VfsAttributeChanges(
            (toSet & SetMode) != 0 ? attr.Mode & 0xFFF : null,
            (toSet & SetSize) != 0 ? attr.Size : null,
            mtime);
        Run(req, async (r, ct) => FuseReplies.Attr(r, await Vfs.SetAttributesAsync(inode, changes, handle, ct).ConfigureAwait(false), Vfs.Options));
    }

    /// <summary>
    /// Writes the kernel's buffer (valid only during the callback) and replies with the full count: straight into
    /// the file's leaves when that needs no waiting (one copy, the common case of `cp`), else through a pooled copy
    /// and the async path.
    /// </summary>
    public void Write(nint req, ulong handle, ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            if (Vfs.TryWrite(handle, offset, data))
            {
                LibFuse.ReplyWrite(req, (nuint)data.Length);
                return;
            }
        }
        catch (Exception e)
        {
            Fail(req, nameof(Write), e);
            return;
        }
        var buffer = BufferPool.Rent(data.Length);
        data.CopyTo(buffer);
        var length = data.Length;
        Run(req, async (r, ct) =>
        {
            try
            {
                await Vfs.WriteAsync(handle, offset, buffer.AsMemory(0, length), ct).ConfigureAwait(false);
                LibFuse.ReplyWrite(r, (nuint)length);
            }
            finally
            {
                BufferPool.Return(buffer);
            }
        });
    }

    /// <summary>close(2) of one descriptor: nothing to write back (writes are already in the tree); checks the handle.</summary>
    public void Flush(nint req, ulong handle)
    {
        Vfs.CheckHandle(handle);
        LibFuse.ReplyErr(req, 0);
    }

    /// <summary>fsync/fsyncdir: an MFS commit (a new version) that makes everything written so far durable.</summary>
    public void Fsync(nint req, ulong inode) =>
        Run(req, async (r, ct) =>
        {
            await Vfs.SyncAsync(inode, ct).ConfigureAwait(false);
            LibFuse.ReplyErr(r, 0);
        });
}
