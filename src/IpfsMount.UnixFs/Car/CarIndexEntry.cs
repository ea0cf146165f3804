// One CARv2 index record: a block's multihash (code + digest) and the offset of its section in the data payload.
namespace IpfsMount.UnixFs.Car;

/// <param name="HashCode">The multihash code, or null for IndexSorted (0x0400), which stores digests only.</param>
public sealed record CarIndexEntry(ulong? HashCode, ReadOnlyMemory<byte> Digest, ulong Offset);
