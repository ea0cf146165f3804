// struct statvfs for Linux x86-64 (glibc <bits/statvfs.h>): the reply to statfs.
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

[StructLayout(LayoutKind.Explicit, Size = 112)]
internal struct StatVfs
{
    [FieldOffset(0)] public ulong Bsize;
    [FieldOffset(8)] public ulong Frsize;
    [FieldOffset(16)] public ulong Blocks;
    [FieldOffset(24)] public ulong Bfree;
    [FieldOffset(32)] public ulong Bavail;
    [FieldOffset(40)] public ulong Files;
    [FieldOffset(48)] public ulong Ffree;
    [FieldOffset(56)] public ulong Favail;
    [FieldOffset(64)] public ulong Fsid;
    [FieldOffset(72)] public ulong Flag;
    [FieldOffset(80)] public ulong Namemax;
}
