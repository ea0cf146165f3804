// What the kernel and libfuse agreed to in FUSE_INIT (for logs, tests and benchmarks).
namespace IpfsMount.Fuse;

public sealed record FuseNegotiation(
    uint ProtocolMajor, uint ProtocolMinor, uint MaxWrite, uint MaxRead, uint MaxReadahead, uint Capable, uint Want);
