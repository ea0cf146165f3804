// The fuse_lowlevel_ops table: UnmanagedCallersOnly entry points that find the adapter and dispatch one opcode each.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using IpfsMount.Fuse.Interop;

namespace IpfsMount.Fuse;

/// <summary>
/// One static entry point per FUSE opcode. Each one recovers the <see cref="FuseVfsAdapter"/> from the request's
/// userdata and calls it inside try/catch, so an exception becomes an errno reply instead of a crashed process.
/// Write-type opcodes reach the VFS, which answers read-only trees (/ipfs) with EROFS.
/// </summary>
internal static unsafe class FuseCallbacks
{
    public static FuseLowLevelOps CreateTable() => new()
    {
        Init = (nint)(delegate* unmanaged[Cdecl]<nint, FuseConnInfo*, void>)&Init,
        Lookup = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&Lookup,
        Forget = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, ulong, void>)&Forget,
        ForgetMulti = (nint)(delegate* unmanaged[Cdecl]<nint, nuint, ForgetData*, void>)&ForgetMulti,
        Getattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&GetAttr,
        Setattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, Stat*, int, FuseFileInfo*, void>)&SetAttr,
        Readlink = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, void>)&ReadLink,
        Mknod = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, uint, ulong, void>)&Mknod,
        Mkdir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, uint, void>)&Mkdir,
        Unlink = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&Unlink,
        Rmdir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&Rmdir,
        Symlink = (nint)(delegate* unmanaged[Cdecl]<nint, byte*, ulong, byte*, void>)&Symlink,
        Rename = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, ulong, byte*, uint, void>)&Rename,
        Link = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, ulong, byte*, void>)&Link,
        Create = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, uint, FuseFileInfo*, void>)&Create,
        Setxattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, byte*, nuint, int, void>)&SetXattr,
        Removexattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, void>)&RemoveXattr,
        Open = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&Open,
        Read = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, long, FuseFileInfo*, void>)&Read,
        Write = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, nuint, long, FuseFileInfo*, void>)&Write,
        Flush = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&Flush,
        Fsync = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, int, FuseFileInfo*, void>)&Fsync,
        Fsyncdir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, int, FuseFileInfo*, void>)&Fsync,
        Release = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&Release,
        Opendir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&OpenDir,
        Readdir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, long, FuseFileInfo*, void>)&ReadDir,
        Readdirplus = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, long, FuseFileInfo*, void>)&ReadDirPlus,
        Releasedir = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, FuseFileInfo*, void>)&ReleaseDir,
        Statfs = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, void>)&StatFs,
        Getxattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, byte*, nuint, void>)&GetXattr,
        Listxattr = (nint)(delegate* unmanaged[Cdecl]<nint, ulong, nuint, void>)&ListXattr,
    };

    [StructLayout(LayoutKind.Sequential)]
    internal struct ForgetData
    {
        public ulong Ino;
        public ulong Nlookup;
    }

    private static FuseVfsAdapter AdapterOf(nint req) =>
        (FuseVfsAdapter)GCHandle.FromIntPtr(LibFuse.RequestUserdata(req)).Target!;

    /// <summary>The adapter, with <paramref name="operation"/> counted in its request counters.</summary>
    private static FuseVfsAdapter AdapterOf(nint req, FuseOperation operation)
    {
        var adapter = AdapterOf(req);
        adapter.Requests.Count(operation);
        return adapter;
    }

    private static string Name(byte* name) => Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));

    private static void Fail(nint req, Exception e) => LibFuse.ReplyErr(req, ErrnoTable.For(e));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Init(nint userdata, FuseConnInfo* conn)
    {
        try { ((FuseVfsAdapter)GCHandle.FromIntPtr(userdata).Target!).Init(conn); }
        catch (Exception e) { Console.Error.WriteLine($"ipfsmount: FUSE init failed: {e.Message}"); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Lookup(nint req, ulong parent, byte* name)
    {
        try { AdapterOf(req, FuseOperation.Lookup).Lookup(req, parent, Name(name)); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Forget(nint req, ulong ino, ulong nlookup)
    {
        try { AdapterOf(req).Forget(ino, nlookup); }
        catch (Exception e) { Console.Error.WriteLine($"ipfsmount: forget failed: {e.Message}"); }
        LibFuse.ReplyNone(req);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ForgetMulti(nint req, nuint count, ForgetData* forgets)
    {
        try
        {
            var adapter = AdapterOf(req);
            for (nuint i = 0; i < count; i++) adapter.Forget(forgets[i].Ino, forgets[i].Nlookup);
        }
        catch (Exception e) { Console.Error.WriteLine($"ipfsmount: forget failed: {e.Message}"); }
        LibFuse.ReplyNone(req);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void GetAttr(nint req, ulong ino, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.GetAttr).GetAttr(req, ino); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SetAttr(nint req, ulong ino, Stat* attr, int toSet, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Other).SetAttr(req, ino, *attr, toSet, fi == null ? null : fi->Fh); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Mknod(nint req, ulong parent, byte* name, uint mode, ulong rdev)
    {
        try { AdapterOf(req, FuseOperation.Other).Mknod(req, parent, Name(name), mode); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Mkdir(nint req, ulong parent, byte* name, uint mode)
    {
        try { AdapterOf(req, FuseOperation.Other).Mkdir(req, parent, Name(name), mode); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Unlink(nint req, ulong parent, byte* name)
    {
        try { AdapterOf(req, FuseOperation.Other).Unlink(req, parent, Name(name)); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rmdir(nint req, ulong parent, byte* name)
    {
        try { AdapterOf(req, FuseOperation.Other).Rmdir(req, parent, Name(name)); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Symlink(nint req, byte* link, ulong parent, byte* name)
    {
        try { AdapterOf(req, FuseOperation.Other).Symlink(req, Name(link), parent, Name(name)); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rename(nint req, ulong parent, byte* name, ulong newParent, byte* newName, uint flags)
    {
        try { AdapterOf(req, FuseOperation.Other).Rename(req, parent, Name(name), newParent, Name(newName), flags); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Link(nint req, ulong ino, ulong newParent, byte* newName)
    {
        try { AdapterOf(req, FuseOperation.Other).Link(req, ino, newParent, Name(newName)); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Create(nint req, ulong parent, byte* name, uint mode, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Other).Create(req, parent, Name(name), mode, *fi); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Write(nint req, ulong ino, byte* buffer, nuint size, long offset, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Write).Write(req, fi->Fh, new ReadOnlySpan<byte>(buffer, (int)Math.Min(size, int.MaxValue)), offset); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Flush(nint req, ulong ino, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Other).Flush(req, fi->Fh); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Fsync(nint req, ulong ino, int datasync, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Other).Fsync(req, ino); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void SetXattr(nint req, ulong ino, byte* name, byte* value, nuint size, int flags)
    {
        try { AdapterOf(req, FuseOperation.Other).ChangeXattr(req, ino); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void RemoveXattr(nint req, ulong ino, byte* name)
    {
        try { AdapterOf(req, FuseOperation.Other).ChangeXattr(req, ino); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReadLink(nint req, ulong ino)
    {
        try { AdapterOf(req, FuseOperation.ReadLink).ReadLink(req, ino); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Open(nint req, ulong ino, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Open).Open(req, ino, *fi); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Read(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.Read).Read(req, fi->Fh, (int)Math.Min(size, int.MaxValue), offset); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(nint req, ulong ino, FuseFileInfo* fi)
    {
        try { AdapterOf(req).Release(req, fi->Fh); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OpenDir(nint req, ulong ino, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.OpenDir).OpenDir(req, ino, *fi); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReadDir(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.ReadDir).ReadDir(req, fi->Fh, (int)Math.Min(size, 1 << 20), offset, plus: false); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReadDirPlus(nint req, ulong ino, nuint size, long offset, FuseFileInfo* fi)
    {
        try { AdapterOf(req, FuseOperation.ReadDirPlus).ReadDir(req, fi->Fh, (int)Math.Min(size, 1 << 20), offset, plus: true); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ReleaseDir(nint req, ulong ino, FuseFileInfo* fi)
    {
        try { AdapterOf(req).ReleaseDir(req, fi->Fh); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void StatFs(nint req, ulong ino)
    {
        try { AdapterOf(req, FuseOperation.StatFs).StatFs(req, ino); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void GetXattr(nint req, ulong ino, byte* name, nuint size)
    {
        try { AdapterOf(req, FuseOperation.GetXattr).GetXattr(req, ino, Name(name), (int)Math.Min(size, int.MaxValue)); }
        catch (Exception e) { Fail(req, e); }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ListXattr(nint req, ulong ino, nuint size)
    {
        try { AdapterOf(req, FuseOperation.ListXattr).ListXattr(req, ino, (int)Math.Min(size, int.MaxValue)); }
        catch (Exception e) { Fail(req, e); }
    }
}
