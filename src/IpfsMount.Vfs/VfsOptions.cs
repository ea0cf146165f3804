// Cache lifetimes, timeouts and identity for a mount: the one place these policies live (go-fuse style).
namespace IpfsMount.Vfs;

public sealed record VfsOptions
{
    /// <summary>Entry/attribute cache lifetime for immutable content (/ipfs): content never changes.</summary>
    public TimeSpan ImmutableCacheTimeout { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Entry/attribute cache lifetime for mutable trees (/mfs, /ipns) and the mount root.</summary>
    public TimeSpan MutableCacheTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one operation may wait for a block before it fails with EIO.</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes read ahead of a sequential reader (0 disables read-ahead).</summary>
    public int ReadAheadBytes { get; init; } = 8 << 20;

    /// <summary>Owner reported for every node.</summary>
    public uint Uid { get; init; }

    /// <summary>Group reported for every node.</summary>
    public uint Gid { get; init; }

    /// <summary>How many child attributes a directory listing resolves concurrently.</summary>
    public int ListingParallelism { get; init; } = 16;

    /// <summary>
    /// Entry/attribute cache lifetime for the writable /mfs when changes made beside the mount reach the kernel as
    /// invalidations (<see cref="Writable.MfsCacheInvalidator"/>); null: <see cref="MutableCacheTimeout"/>.
    /// </summary>
    public TimeSpan? NotifiedMfsCacheTimeout { get; init; }

    public TimeSpan CacheTimeoutFor(VfsNode node) =>
        node.IsImmutable ? ImmutableCacheTimeout
        : node is Writable.MfsTreeNode && NotifiedMfsCacheTimeout is { } notified ? notified
        : MutableCacheTimeout;
}
