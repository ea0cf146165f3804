// struct fuse_entry_param (fuse_lowlevel.h): the reply to lookup and each readdirplus entry.
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

[StructLayout(LayoutKind.Explicit, Size = 176)]
internal struct FuseEntryParam
{
    [FieldOffset(0)] public ulong Ino;
    [FieldOffset(8)] public ulong Generation;
    [FieldOffset(16)] public Stat Attr;
    [FieldOffset(160)] public double AttrTimeout;
    [FieldOffset(168)] public double EntryTimeout;
}
