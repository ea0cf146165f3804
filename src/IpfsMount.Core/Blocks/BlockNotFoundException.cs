// Raised by IBlockStore.GetAsync when no store in the chain holds the block.
namespace IpfsMount.Core;

public sealed class BlockNotFoundException(Cid cid)
    : Exception($"block {cid} not found")
{
    public Cid Cid { get; } = cid;
}
