// Raised when block bytes do not hash to the multihash in their CID (corrupt disk data or a lying peer).
namespace IpfsMount.Core;

public sealed class BlockCorruptException(Cid cid)
    : Exception($"block {cid} is corrupt: its bytes do not hash to the {Multicodec.Name(cid.Hash.Code)} digest in the CID")
{
    public Cid Cid { get; } = cid;
}
