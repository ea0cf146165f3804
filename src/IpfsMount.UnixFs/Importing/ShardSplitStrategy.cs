// How the importer estimates a flat directory's size to decide when to switch it to a HAMT shard
// (ipfs-unixfs-importer `shardSplitStrategy`; IPIP-499 for block-bytes).
namespace IpfsMount.UnixFs;

public enum ShardSplitStrategy
{
    /// <summary>Σ (UTF-8 name length + CID byte length) over the links — Kubo's and go-unixfsnode's estimate.</summary>
    LinksBytes,

    /// <summary>The exact size of the encoded dag-pb directory block (unixfs-v1-2025 profile).</summary>
    BlockBytes,
}
