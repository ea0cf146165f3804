// The FUSE opcodes a mount counts (fuse_kernel.h FUSE_LOOKUP, FUSE_GETATTR, …), for statistics and benchmarks.
namespace IpfsMount.Fuse;

public enum FuseOperation
{
    Lookup,
    GetAttr,
    Open,
    Read,
    OpenDir,
    ReadDir,
    ReadDirPlus,
    GetXattr,
    ListXattr,
    ReadLink,
    StatFs,
    Other,
    Write,
}
