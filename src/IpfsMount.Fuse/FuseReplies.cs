// Synchronous reply helpers: convert VFS answers into the C structs libfuse copies into its reply.
using System.Text;
using IpfsMount.Fuse.Interop;
using IpfsMount.Vfs;

namespace IpfsMount.Fuse;

internal static unsafe class FuseReplies
{
    private const uint DirectoryType = 0x4000; // S_IFDIR
    private const uint RegularType = 0x8000;   // S_IFREG
    private const uint SymlinkType = 0xA000;   // S_IFLNK

    public static Stat ToStat(ulong inode, in VfsAttributes a, VfsOptions options)
    {
        var mtime = a.Mtime.ToUnixTimeMilliseconds();
        var seconds = Math.DivRem(mtime, 1000, out var millis);
        return new Stat
        {
            Ino = inode,
            Mode = a.Kind switch
            {
                VfsNodeKind.Directory => DirectoryType,
                VfsNodeKind.Symlink => SymlinkType,
                _ => RegularType,
            } | (a.Mode & 0xFFF),
            Nlink = a.Kind == VfsNodeKind.Directory ? 2UL : 1UL,
            Uid = options.Uid,
            Gid = options.Gid,
            Size = a.Size,
            Blksize = a.BlockSize,
            Blocks = (a.Size + 511) / 512,
            AtimeSec = seconds,
            AtimeNsec = millis * 1_000_000,
            MtimeSec = seconds,
            MtimeNsec = millis * 1_000_000,
            CtimeSec = seconds,
            CtimeNsec = millis * 1_000_000,
        };
    }

    public static FuseEntryParam ToEntry(in VfsEntry entry, VfsOptions options)
    {
        return new FuseEntryParam
        {
            Ino = entry.Inode,
            Generation = 0,
            Attr = ToStat(entry.Inode, entry.Attributes, options),
            AttrTimeout = entry.AttrTimeout.TotalSeconds,
            EntryTimeout = entry.EntryTimeout.TotalSeconds,
        };
    }

    public static void Entry(nint req, in VfsEntry entry, VfsOptions options)
    {
        var param = ToEntry(entry, options);
        LibFuse.ReplyEntry(req, &param);
    }

    public static void Attr(nint req, in VfsEntry entry, VfsOptions options)
    {
        var stat = ToStat(entry.Inode, entry.Attributes, options);
        LibFuse.ReplyAttr(req, &stat, entry.AttrTimeout.TotalSeconds);
    }

    public static void Open(nint req, FuseFileInfo info)
    {
        LibFuse.ReplyOpen(req, &info);
    }

    public static void Create(nint req, in VfsEntry entry, VfsOptions options, FuseFileInfo info)
    {
        var param = ToEntry(entry, options);
        LibFuse.ReplyCreate(req, &param, &info);
    }

    public static void Buffer(nint req, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data) LibFuse.ReplyBuf(req, p, (nuint)data.Length);
    }

    /// <summary>Replies to getxattr/listxattr: the size when asked for 0 bytes, ERANGE when too small, else the bytes.</summary>
    public static void Xattr(nint req, ReadOnlySpan<byte> value, int size)
    {
        if (size == 0) LibFuse.ReplyXattr(req, (nuint)value.Length);
        else if (size < value.Length) LibFuse.ReplyErr(req, Errno.ERANGE);
        else Buffer(req, value);
    }

    /// <summary>Readdir offsets taken by `.` and `..` before the directory's own entries.</summary>
    public const int DotEntries = 2;

    /// <summary>
    /// Packs `.`, `..` (at offsets 0 and 1) and directory entries into one readdir(plus) reply of at most
    /// <paramref name="size"/> bytes. Each readdirplus entry that fits counts as a lookup; one that does not fit is
    /// forgotten again. The kernel takes no reference for `.`/`..`, so they carry attributes but no node id.
    /// </summary>
    public static void Directory(nint req, VirtualFileSystem vfs, ulong handle, IReadOnlyList<VfsDirEntry> entries,
        VfsAttributes[] attributes, bool plus, long offset, int size)
    {
        var buffer = new byte[size];
        Span<byte> name = stackalloc byte[1024];
        var used = 0;
        fixed (byte* start = buffer)
        {
            if (offset < DotEntries)
            {
                var (self, parent) = vfs.DotInodesOf(handle);
                for (var dot = (int)offset; dot < DotEntries; dot++)
                {
                    var needed = AddDot(req, start + used, size - used, dot == 0 ? self : parent, dot + 1, plus);
                    if (needed > size - used)
                    {
                        LibFuse.ReplyBuf(req, start, (nuint)used);
                        return;
                    }
                    used += needed;
                }
            }
            var directory = vfs.DirectoryOf(handle);
            var first = Math.Max(offset, DotEntries);
            for (var i = 0; i < entries.Count; i++)
            {
                if (Encoding.UTF8.GetByteCount(entries[i].Name) >= name.Length) continue; // not a POSIX name
                var nameLength = Encoding.UTF8.GetBytes(entries[i].Name, name[..^1]);
                name[nameLength] = 0;
                var next = first + i + 1;
                nuint needed;
                fixed (byte* namePtr = name)
                {
                    if (!plus)
                    {
                        var stat = ToStat(ulong.MaxValue, attributes[i], vfs.Options); // only the type bits matter
                        needed = LibFuse.AddDirentry(req, start + used, (nuint)(size - used), namePtr, &stat, next);
                    }
                    else
                    {
                        var entry = vfs.Remember(directory, entries[i].Node, attributes[i]);
                        var param = ToEntry(entry, vfs.Options);
                        needed = LibFuse.AddDirentryPlus(req, start + used, (nuint)(size - used), namePtr, &param, next);
                        if ((int)needed > size - used) vfs.Forget(entry.Inode, 1);
                    }
                }
                if ((int)needed > size - used) break;
                used += (int)needed;
            }
            LibFuse.ReplyBuf(req, start, (nuint)used);
        }
    }

    /// <summary>Adds `.` (dot 0) or `..` to a readdir(plus) buffer; returns the bytes it needs (more than room: not added).</summary>
    private static int AddDot(nint req, byte* buffer, int room, ulong inode, long next, bool plus)
    {
        var name = stackalloc byte[3] { (byte)'.', next == 1 ? (byte)0 : (byte)'.', 0 };
        var stat = new Stat { Ino = inode, Mode = DirectoryType };
        if (!plus) return (int)LibFuse.AddDirentry(req, buffer, (nuint)room, name, &stat, next);
        var param = new FuseEntryParam { Ino = 0, Attr = stat };
        return (int)LibFuse.AddDirentryPlus(req, buffer, (nuint)room, name, &param, next);
    }

    /// <param name="space">the store behind a writable tree (/mfs); null for read-only trees, which report no free space.</param>
    public static void StatFs(nint req, VirtualFileSystem vfs, VfsSpace? space)
    {
        const ulong blockSize = 256 * 1024;
        var st = new StatVfs
        {
            Bsize = blockSize,
            Frsize = blockSize,
            Files = (ulong)vfs.LiveInodes,
            Namemax = 255,
        };
        if (space is { } s)
        {
            st.Blocks = (ulong)s.TotalBytes / blockSize;
            st.Bfree = (ulong)s.FreeBytes / blockSize;
            st.Bavail = (ulong)s.AvailableBytes / blockSize;
            st.Files = Math.Max(st.Files, 1UL << 32);
            st.Ffree = st.Files - (ulong)vfs.LiveInodes;
            st.Favail = st.Ffree;
        }
        LibFuse.ReplyStatfs(req, &st);
    }
}
