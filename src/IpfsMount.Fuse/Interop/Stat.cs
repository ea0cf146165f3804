// struct stat for Linux x86-64 (glibc <bits/struct_stat.h>); layout checked against native/fuse_layout_probe.
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct Stat
{
    [FieldOffset(0)] public ulong Dev;
    [FieldOffset(8)] public ulong Ino;
    [FieldOffset(16)] public ulong Nlink;
    [FieldOffset(24)] public uint Mode;
    [FieldOffset(28)] public uint Uid;
    [FieldOffset(32)] public uint Gid;
    [FieldOffset(40)] public ulong Rdev;
    [FieldOffset(48)] public long Size;
    [FieldOffset(56)] public long Blksize;
    [FieldOffset(64)] public long Blocks;
    [FieldOffset(72)] public long AtimeSec;
    [FieldOffset(80)] public long AtimeNsec;
    [FieldOffset(88)] public long MtimeSec;
    [FieldOffset(96)] public long MtimeNsec;
    [FieldOffset(104)] public long CtimeSec;
    [FieldOffset(112)] public long CtimeNsec;
}
