// A block on the wire (Bitswap 1.1.0+ Message.Block): the CID prefix and the block bytes; 1.0.0 blocks carry an implied CIDv0 prefix.
namespace IpfsMount.Net.Bitswap;

public readonly record struct BitswapBlock(ReadOnlyMemory<byte> Prefix, ReadOnlyMemory<byte> Data);
