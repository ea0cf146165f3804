// What one GC run did: the CIDs it removed (v1, stored codec), bytes freed, and how many blocks it kept.
namespace IpfsMount.Storage;

using IpfsMount.Core;

public sealed record GcResult(IReadOnlyList<Cid> Removed, long BytesFreed, long BlocksKept);
