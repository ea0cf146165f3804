// Bitswap protocol identifiers, newest first (ipfs/specs bitswap-protocol.md, "Bitswap Protocol Versions").
namespace IpfsMount.Net.Bitswap;

public static class BitswapProtocols
{
    public const string V120 = "/ipfs/bitswap/1.2.0";
    public const string V110 = "/ipfs/bitswap/1.1.0";
    public const string V100 = "/ipfs/bitswap/1.0.0";

    /// <summary>Every version we speak, in order of preference (used for multistream negotiation).</summary>
    public static readonly IReadOnlyList<string> All = [V120, V110, V100];

    /// <summary>Maps a protocol id to its version; throws for ids that are not Bitswap.</summary>
    public static BitswapVersion Parse(string protocol) => protocol switch
    {
        V120 => BitswapVersion.V120,
        V110 => BitswapVersion.V110,
        V100 => BitswapVersion.V100,
        _ => throw new ArgumentException($"'{protocol}' is not a Bitswap protocol id; expected one of {string.Join(", ", All)}", nameof(protocol)),
    };
}
