// The size estimate that decides when a UnixFS directory becomes a HAMT shard (ipfs-unixfs-importer dir-flat.js,
// boxo io.Directory estimatedSize; IPIP-499 block-bytes): shared by the importer and MFS so both switch alike.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

public static class ShardSizeEstimate
{
    /// <summary>What one link adds: name + CID bytes (links-bytes) or the encoded PBLink field (block-bytes).</summary>
    public static long Link(ShardSplitStrategy strategy, int nameUtf8Bytes, int cidBytes, ulong tsize)
    {
        if (strategy == ShardSplitStrategy.LinksBytes) return nameUtf8Bytes + cidBytes;
        int link = ProtobufWriter.BytesFieldSize(1, cidBytes) + ProtobufWriter.BytesFieldSize(2, nameUtf8Bytes)
            + ProtobufWriter.VarintFieldSize(3, tsize);
        return ProtobufWriter.BytesFieldSize(2, link);
    }

    /// <summary>What the directory's own Data field adds (block-bytes only; links-bytes counts links alone).</summary>
    public static long Base(ShardSplitStrategy strategy, uint? encodedMode, UnixFsTime? mtime)
    {
        if (strategy == ShardSplitStrategy.LinksBytes) return 0;
        var data = new UnixFsData { Type = UnixFsDataType.Directory, Mode = encodedMode, Mtime = mtime };
        return ProtobufWriter.BytesFieldSize(1, data.EncodedLength);
    }
}
