// Options for Repo.Init: the config written at init and, for tests, a fixed identity seed.
namespace IpfsMount.Storage;

public sealed record RepoInitOptions
{
    /// <summary>Config written to the new repo; null writes RepoConfig.CreateDefault().</summary>
    public RepoConfig? Config { get; init; }

    /// <summary>32-byte Ed25519 seed for the `self` key; null draws a random one (the normal case).</summary>
    public byte[]? IdentitySeed { get; init; }
}
