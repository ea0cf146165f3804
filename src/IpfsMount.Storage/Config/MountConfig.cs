// The "Mount" section of the repo config: default mount dir and the kernel cache / fetch timeouts.
namespace IpfsMount.Storage;

public sealed record MountConfig
{
    /// <summary>Default mount point; a leading "~/" means the user's home directory.</summary>
    public string Dir { get; init; } = "~/ipfsmount";

    /// <summary>How long the kernel may cache a name lookup (FUSE entry_timeout).</summary>
    public double EntryTimeoutSeconds { get; init; } = 1.0;

    /// <summary>How long the kernel may cache attributes (FUSE attr_timeout).</summary>
    public double AttrTimeoutSeconds { get; init; } = 1.0;

    /// <summary>How long a read waits for a block from the network before failing with EIO.</summary>
    public double FetchTimeoutSeconds { get; init; } = 60.0;

    /// <summary>Dir with "~/" expanded.</summary>
    public string ResolveDir()
    {
        if (Dir == "~" || Dir.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, Dir.Length > 2 ? Dir[2..] : "");
        }

        return Dir;
    }

    internal void Validate(string source)
    {
        if (string.IsNullOrWhiteSpace(Dir))
        {
            throw new RepoConfigException($"config {source}: Mount.Dir must name a directory");
        }

        if (EntryTimeoutSeconds < 0 || AttrTimeoutSeconds < 0 || FetchTimeoutSeconds <= 0
            || double.IsNaN(EntryTimeoutSeconds) || double.IsNaN(AttrTimeoutSeconds) || double.IsNaN(FetchTimeoutSeconds))
        {
            throw new RepoConfigException($"config {source}: Mount timeouts must be >= 0 (FetchTimeoutSeconds > 0)");
        }
    }
}
