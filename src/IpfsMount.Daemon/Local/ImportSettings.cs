// Maps `add` flags onto importer options the way Kubo does: a profile first (--profile, else the repo's
// `init --profile`, as Kubo's Import config), then explicit flags; CIDv1 or a non-sha2 hash turn on raw leaves unless
// --raw-leaves says otherwise.
using IpfsMount.Core;
using IpfsMount.Daemon.Api;
using IpfsMount.UnixFs;

namespace IpfsMount.Daemon.Local;

public static class ImportSettings
{
    /// <param name="repoProfile">the repo's stored import profile (RepoConfig.ImportProfile), used when the request
    /// names none.</param>
    public static ImportOptions From(AddRequest request, string? repoProfile = null)
    {
        var options = request.Profile is { Length: > 0 } profile ? ImportOptions.FromProfile(profile)
            : repoProfile is { Length: > 0 } stored ? ImportOptions.FromProfile(stored)
            : ImportOptions.Kubo;
        var hash = request.Hash is { Length: > 0 } h ? HashCode(h) : options.HashCode;
        var version = request.CidVersion ?? (hash != Multicodec.Sha2_256 ? 1 : options.CidVersion);
        if (version == 0 && hash != Multicodec.Sha2_256)
            throw new ArgumentException($"--hash {request.Hash} needs CIDv1 (drop --cid-version 0)");
        var rawLeaves = request.RawLeaves ?? (version != options.CidVersion ? version == 1 : options.RawLeaves);
        options = options with
        {
            CidVersion = version,
            RawLeaves = rawLeaves,
            HashCode = hash,
            Chunker = request.Chunker is { Length: > 0 } c ? c : options.Chunker,
            Trickle = request.Trickle || options.Trickle,
            PreserveMode = request.PreserveMode,
            PreserveMtime = request.PreserveMtime,
            IncludeHidden = request.Hidden,
            WrapWithDirectory = false, // the node wraps all inputs together
        };
        options.Validate();
        return options;
    }

    /// <summary>Multihash code of a hash name as Kubo spells it (--hash, --mhtype).</summary>
    public static ulong HashCode(string name) => name.ToLowerInvariant() switch
    {
        "sha2-256" or "sha256" => Multicodec.Sha2_256,
        "blake3" => Multicodec.Blake3,
        _ => throw new ArgumentException($"unsupported hash '{name}': use sha2-256 or blake3"),
    };

    /// <summary>Multicodec code of a codec name (--cid-codec).</summary>
    public static ulong CodecCode(string name) => name.ToLowerInvariant() switch
    {
        "raw" => Multicodec.Raw,
        "dag-pb" or "protobuf" => Multicodec.DagPb,
        "dag-cbor" or "cbor" => Multicodec.DagCbor,
        _ => throw new ArgumentException($"unsupported codec '{name}': use raw, dag-pb or dag-cbor"),
    };
}
