// Multicodec codes used by IpfsMount (https://github.com/multiformats/multicodec/blob/master/table.csv).
namespace IpfsMount.Core;

public static class Multicodec
{
    public const ulong Identity = 0x00;
    public const ulong Sha2_256 = 0x12;
    public const ulong Blake3 = 0x1e;
    public const ulong Murmur3X64_64 = 0x22;
    public const ulong Raw = 0x55;
    public const ulong DagPb = 0x70;
    public const ulong DagCbor = 0x71;
    public const ulong Libp2pKey = 0x72;
    public const ulong DagJson = 0x0129;
    public const ulong Ed25519Pub = 0xed;

    /// <summary>The table name of a code ("dag-pb", "sha2-256", …), or "0x…" for codes not listed here.</summary>
    public static string Name(ulong code) => code switch
    {
        Identity => "identity",
        Sha2_256 => "sha2-256",
        Blake3 => "blake3",
        Murmur3X64_64 => "murmur3-x64-64",
        Raw => "raw",
        DagPb => "dag-pb",
        DagCbor => "dag-cbor",
        Libp2pKey => "libp2p-key",
        DagJson => "dag-json",
        Ed25519Pub => "ed25519-pub",
        _ => "0x" + code.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
    };
}
