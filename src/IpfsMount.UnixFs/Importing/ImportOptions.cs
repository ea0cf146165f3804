// Options of the UnixFS importer, mirroring Kubo's `ipfs add` flags and ipfs-unixfs-importer's options, with the
// named profiles `kubo` (unixfs-v0-2015) and `unixfs-v1-2025` (IPIP-499).
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>Importer settings. The defaults are Kubo's `ipfs add` defaults (<see cref="Kubo"/>).</summary>
public sealed record ImportOptions
{
    /// <summary>Kubo's defaults: CIDv0, dag-pb leaves, 256 KiB chunks, 174 links, links-bytes HAMT estimate.</summary>
    public static ImportOptions Kubo { get; } = new();

    /// <summary>IPIP-499 unixfs-v1-2025: CIDv1, raw leaves, 1 MiB chunks, 1024 links, block-bytes HAMT estimate.</summary>
    public static ImportOptions UnixFsV1_2025 { get; } = new()
    {
        CidVersion = 1,
        RawLeaves = true,
        Chunker = "size-1048576",
        MaxLinks = 1024,
        ShardSplitStrategy = ShardSplitStrategy.BlockBytes,
    };

    /// <summary>Kubo with `--cid-version=1` (which turns raw leaves on).</summary>
    public static ImportOptions KuboV1 { get; } = new() { CidVersion = 1, RawLeaves = true };

    public int CidVersion { get; init; }

    /// <summary>Leaves are raw blocks (codec 0x55, always CIDv1) instead of dag-pb UnixFS nodes.</summary>
    public bool RawLeaves { get; init; }

    /// <summary>Multihash function: <see cref="Multicodec.Sha2_256"/> or <see cref="Multicodec.Blake3"/>.</summary>
    public ulong HashCode { get; init; } = Multicodec.Sha2_256;

    /// <summary>Kubo chunker string: size-N, rabin, rabin-AVG, rabin-MIN-AVG-MAX.</summary>
    public string Chunker { get; init; } = "size-262144";

    /// <summary>Trickle DAG (`ipfs add --trickle`): dag-pb leaves get type Raw and a lone leaf still gets a root.</summary>
    public bool Trickle { get; init; }

    public int MaxLinks { get; init; } = 174;

    /// <summary>Trickle layout: how many subtrees of each depth a node gets.</summary>
    public int TrickleLayerRepeat { get; init; } = 4;

    public bool WrapWithDirectory { get; init; }

    /// <summary>Record the Unix permission bits of files read from disk.</summary>
    public bool PreserveMode { get; init; }

    /// <summary>Record the modification time of files read from disk (nanoseconds left out when zero).</summary>
    public bool PreserveMtime { get; init; }

    public int ShardSplitThresholdBytes { get; init; } = 262144;

    public ShardSplitStrategy ShardSplitStrategy { get; init; } = ShardSplitStrategy.LinksBytes;

    /// <summary>Include names starting with '.' when adding a directory (Kubo's `--hidden`; off by default).</summary>
    public bool IncludeHidden { get; init; }

    /// <summary>How many leaves may be hashed at once (0 = processor count + 2).</summary>
    public int LeafConcurrency { get; init; }

    /// <summary>A single-chunk file is its own leaf (no parent node). On for balanced, off for trickle (Kubo).</summary>
    public bool ReduceSingleLeafToSelf => !Trickle;

    /// <summary>UnixFS type of dag-pb leaves: File for balanced, Raw for trickle (go-unixfs does the same).</summary>
    public UnixFsDataType LeafType => Trickle ? UnixFsDataType.Raw : UnixFsDataType.File;

    /// <summary>
    /// A profile by name: <c>kubo</c> / <c>unixfs-v0-2015</c> / <c>legacy-cid-v0</c>, <c>kubo-v1</c>,
    /// <c>unixfs-v1-2025</c> / <c>test-cid-v1</c>.
    /// </summary>
    public static ImportOptions FromProfile(string name) => name switch
    {
        "kubo" or "unixfs-v0-2015" or "legacy-cid-v0" or "default" => Kubo,
        "kubo-v1" => KuboV1,
        "unixfs-v1-2025" or "test-cid-v1" => UnixFsV1_2025,
        _ => throw new ArgumentException(
            $"unknown import profile '{name}': use kubo (unixfs-v0-2015), kubo-v1 or unixfs-v1-2025"),
    };

    /// <summary>Checks the combination and returns the parsed chunker.</summary>
    /// <exception cref="ArgumentException">The options cannot produce valid UnixFS.</exception>
    public ChunkerSpec Validate()
    {
        if (CidVersion is not (0 or 1)) throw new ArgumentException($"CID version must be 0 or 1, got {CidVersion}");
        if (!Multihash.CanCompute(HashCode) || HashCode == Multicodec.Identity)
            throw new ArgumentException($"hash {Multicodec.Name(HashCode)} is not supported: use sha2-256 or blake3");
        if (CidVersion == 0 && HashCode != Multicodec.Sha2_256)
            throw new ArgumentException("CIDv0 only allows sha2-256; use CidVersion = 1 with blake3");
        if (MaxLinks < 2) throw new ArgumentException($"MaxLinks must be at least 2, got {MaxLinks}");
        if (Trickle && TrickleLayerRepeat < 1) throw new ArgumentException("TrickleLayerRepeat must be at least 1");
        if (ShardSplitThresholdBytes < 0) throw new ArgumentException("ShardSplitThresholdBytes must not be negative");
        return ChunkerSpec.Parse(Chunker);
    }
}
