// struct fuse_conn_info (fuse_common.h ~457): negotiated in the init callback.
using System.Runtime.InteropServices;

namespace IpfsMount.Fuse.Interop;

[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct FuseConnInfo
{
    [FieldOffset(0)] public uint ProtoMajor;
    [FieldOffset(4)] public uint ProtoMinor;
    [FieldOffset(8)] public uint MaxWrite;
    [FieldOffset(12)] public uint MaxRead;
    [FieldOffset(16)] public uint MaxReadahead;
    [FieldOffset(20)] public uint Capable;
    [FieldOffset(24)] public uint Want;
    [FieldOffset(28)] public uint MaxBackground;
    [FieldOffset(32)] public uint CongestionThreshold;
    [FieldOffset(36)] public uint TimeGran;
}
