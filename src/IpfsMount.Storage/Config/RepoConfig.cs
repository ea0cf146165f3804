// The repo's JSON `config` file: listen and API addresses, mount options, block cache size, GC watermark (DESIGN.md, "config").
namespace IpfsMount.Storage;

using System.Text.Json;
using System.Text.Json.Serialization;

public sealed record RepoConfig
{
    public const string FileName = "config";

    /// <summary>libp2p listen multiaddresses.</summary>
    public IReadOnlyList<string> Swarm { get; init; } = ["/ip4/0.0.0.0/tcp/4001", "/ip6/::/tcp/4001"];

    /// <summary>Where the daemon's local RPC API listens (loopback only by default; 5101 so it never clashes with a Kubo on 5001).</summary>
    public string Api { get; init; } = "/ip4/127.0.0.1/tcp/5101";

    public MountConfig Mount { get; init; } = new();

    /// <summary>Bytes of hot blocks kept in memory in front of RocksDB.</summary>
    public long BlockCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Storage budget for blocks; 0 means unlimited.</summary>
    public long StorageMaxBytes { get; init; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Automatic GC starts when block bytes pass this percentage of StorageMaxBytes.</summary>
    public int GcWatermarkPercent { get; init; } = 90;

    /// <summary>The import profile chosen by `init --profile` (null: Kubo's defaults, CIDv0), like Kubo's Import config:
    /// the starting point of `add` (its flags override) and the layout of the MFS, so a new MFS root and new files get
    /// that profile's CID version, leaves and chunking (`files --profile` overrides).</summary>
    public string? ImportProfile { get; init; }

    public static RepoConfig CreateDefault() => new();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = null,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates a config; throws RepoConfigException naming the bad field.</summary>
    public static RepoConfig FromJson(string json, string source)
    {
        RepoConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<RepoConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new RepoConfigException($"config {source} is not valid: {e.Message}", e);
        }

        if (config is null)
        {
            throw new RepoConfigException($"config {source} is empty (null)");
        }

        config.Validate(source);
        return config;
    }

    public static RepoConfig Load(string repoPath)
    {
        var file = Path.Combine(repoPath, FileName);
        return FromJson(File.ReadAllText(file), file);
    }

    /// <summary>Writes the config atomically (temp file + rename).</summary>
    public void Save(string repoPath)
    {
        Validate(Path.Combine(repoPath, FileName));
        AtomicFile.Write(Path.Combine(repoPath, FileName), System.Text.Encoding.UTF8.GetBytes(ToJson() + "\n"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public void Validate(string source)
    {
        if (Swarm is null || Swarm.Any(a => string.IsNullOrWhiteSpace(a) || !a.StartsWith('/')))
        {
            throw new RepoConfigException($"config {source}: Swarm must be a list of multiaddresses like \"/ip4/0.0.0.0/tcp/4001\"");
        }

        if (string.IsNullOrWhiteSpace(Api) || !Api.StartsWith('/'))
        {
            throw new RepoConfigException($"config {source}: Api must be a multiaddress like \"/ip4/127.0.0.1/tcp/5101\"");
        }

        if (BlockCacheBytes < 0)
        {
            throw new RepoConfigException($"config {source}: BlockCacheBytes must be >= 0 (0 disables the cache), got {BlockCacheBytes}");
        }

        if (StorageMaxBytes < 0)
        {
            throw new RepoConfigException($"config {source}: StorageMaxBytes must be >= 0 (0 = unlimited), got {StorageMaxBytes}");
        }

        if (ImportProfile is { } profile)
        {
            try
            {
                _ = UnixFs.ImportOptions.FromProfile(profile);
            }
            catch (ArgumentException e)
            {
                throw new RepoConfigException($"config {source}: ImportProfile: {e.Message}", e);
            }
        }

        if (GcWatermarkPercent is < 1 or > 100)
        {
            throw new RepoConfigException($"config {source}: GcWatermarkPercent must be 1..100, got {GcWatermarkPercent}");
        }

        if (Mount is null)
        {
            throw new RepoConfigException($"config {source}: Mount section is missing");
        }

        Mount.Validate(source);
    }
}
