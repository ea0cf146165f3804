// struct fuse_args (fuse_opt.h): argc/argv handed to fuse_session_new.
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

[StructLayout(LayoutKind.Explicit, Size = 24)]
internal unsafe struct FuseArgs
{
    [FieldOffset(0)] public int Argc;
    [FieldOffset(8)] public byte** Argv;
    [FieldOffset(16)] public int Allocated;
}
