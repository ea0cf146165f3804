// Names of the RocksDB column families of a repo and the keys of the meta family (see DESIGN.md, "RocksDB layout").
namespace IpfsMount.Storage;

internal static class RepoColumns
{
    public const string Blocks = "blocks";
    public const string Pins = "pins";
    public const string Mfs = "mfs";
    public const string Meta = "meta";

    public static readonly string[] All = [Blocks, Pins, Mfs, Meta];

    /// <summary>meta key holding the repo format version (ASCII decimal).</summary>
    public static readonly byte[] MetaVersionKey = "version"u8.ToArray();

    /// <summary>meta key holding the creation time (ASCII ISO-8601, UTC).</summary>
    public static readonly byte[] MetaCreatedKey = "created"u8.ToArray();

    /// <summary>meta key holding the synced pack extent: varint(pack id) ‖ varint(length); every pack byte before it
    /// was on disk when the last synced write was made (PackRecovery).</summary>
    public static readonly byte[] MetaPacksSyncedKey = "packs-synced"u8.ToArray();
}
