// How MFS turns files and directories into blocks: CID version, raw leaves, fixed chunk size, balanced
// fan-out and hash (the importer profiles of /work/shared/vectors). Kubo's MFS default is KuboV0.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

public sealed record MfsLayout(int CidVersion, bool RawLeaves, int ChunkSize, int MaxLinks, ulong HashCode = Multicodec.Sha2_256)
{
    /// <summary>A directory whose size estimate exceeds this many bytes is written as a HAMT shard (fanout 256), and
    /// back as a plain directory once it is no longer above it — the rule `add -r` uses (ImportOptions).</summary>
    public int ShardSplitThresholdBytes { get; init; } = 262144;

    /// <summary>How that size is estimated: links-bytes (Kubo, Σ name + CID bytes) or block-bytes (IPIP-499).</summary>
    public ShardSplitStrategy ShardSplitStrategy { get; init; } = ShardSplitStrategy.LinksBytes;

    /// <summary>Kubo's `ipfs files` default: CIDv0, dag-pb leaves, 256 KiB chunks, 174 links.</summary>
    public static MfsLayout KuboV0 { get; } = new(0, false, 262144, 174);

    /// <summary>Kubo with --cid-version=1: raw leaves, 256 KiB chunks, 174 links.</summary>
    public static MfsLayout KuboV1 { get; } = new(1, true, 262144, 174);

    /// <summary>IPIP-499 unixfs-v1-2025: raw leaves, 1 MiB chunks, 1024 links.</summary>
    public static MfsLayout UnixFsV1_2025 { get; } = new(1, true, 1048576, 1024) { ShardSplitStrategy = ShardSplitStrategy.BlockBytes };

    public static IReadOnlyList<string> ProfileNames { get; } = ["kubo-v0", "kubo-v1", "unixfs-v1-2025", "blake3"];

    public static MfsLayout FromProfile(string name) => name.ToLowerInvariant() switch
    {
        "kubo-v0" or "kubo" or "unixfs-v0-2015" => KuboV0,
        "kubo-v1" => KuboV1,
        "unixfs-v1-2025" => UnixFsV1_2025,
        "blake3" => KuboV1 with { HashCode = Multicodec.Blake3 },
        _ => throw new ArgumentException(
            $"unknown MFS profile '{name}'; use one of: {string.Join(", ", ProfileNames)}", nameof(name)),
    };

    /// <summary>The layout of importer options with a fixed-size chunker and the balanced layout.</summary>
    public static MfsLayout FromImportOptions(ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Trickle) throw new ArgumentException("MFS files use the balanced layout; trickle is not supported");
        string chunker = options.Chunker;
        if (!chunker.StartsWith("size-", StringComparison.Ordinal) || !int.TryParse(chunker.AsSpan(5), out int size))
            throw new ArgumentException($"MFS needs a fixed-size chunker (size-N), not '{chunker}'");
        return new MfsLayout(options.CidVersion, options.RawLeaves, size, options.MaxLinks, options.HashCode)
        {
            ShardSplitThresholdBytes = options.ShardSplitThresholdBytes,
            ShardSplitStrategy = options.ShardSplitStrategy,
        };
    }

    internal void Validate()
    {
        if (CidVersion is not (0 or 1)) throw new ArgumentException("CidVersion must be 0 or 1");
        if (CidVersion == 0 && (RawLeaves || HashCode != Multicodec.Sha2_256))
            throw new ArgumentException("CIDv0 needs dag-pb leaves and sha2-256; use CidVersion 1 for raw leaves or other hashes");
        if (ChunkSize < 16 || ChunkSize > 1 << 21) throw new ArgumentException("ChunkSize must be 16 B..2 MiB");
        if (MaxLinks < 2) throw new ArgumentException("MaxLinks must be at least 2");
        if (ShardSplitThresholdBytes < 0) throw new ArgumentException("ShardSplitThresholdBytes must not be negative");
    }
}
