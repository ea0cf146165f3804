// struct fuse_file_info (fuse_common.h); the C bitfields live in one uint at offset 4.
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseFileInfo
{
    public const uint WritePageBit = 1u << 0;
    public const uint DirectIoBit = 1u << 1;
    public const uint KeepCacheBit = 1u << 2;
    public const uint FlushBit = 1u << 3;
    public const uint NonSeekableBit = 1u << 4;
    public const uint FlockReleaseBit = 1u << 5;
    public const uint CacheReaddirBit = 1u << 6;
    public const uint NoFlushBit = 1u << 7;

    [FieldOffset(0)] public int Flags;
    [FieldOffset(4)] public uint Bits;
    [FieldOffset(16)] public ulong Fh;
    [FieldOffset(24)] public ulong LockOwner;
    [FieldOffset(32)] public uint PollEvents;
}
