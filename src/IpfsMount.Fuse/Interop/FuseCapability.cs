// FUSE_CAP_* flags of fuse_conn_info.capable / want (fuse_common.h).
namespace IpfsMount.Fuse.Interop;

[Flags]
internal enum FuseCapability : uint
{
    AsyncRead = 1u << 0,
    AtomicOTrunc = 1u << 3,
    ExportSupport = 1u << 4,
    SpliceWrite = 1u << 7,
    SpliceMove = 1u << 8,
    SpliceRead = 1u << 9,
    AutoInvalData = 1u << 12,
    ReaddirPlus = 1u << 13,
    ReaddirPlusAuto = 1u << 14,
    AsyncDio = 1u << 15,
    ParallelDirops = 1u << 18,
    CacheSymlinks = 1u << 23,
    ExplicitInvalData = 1u << 25,
}
