// A decoded or to-be-encoded Bitswap message (ipfs/specs bitswap-protocol.md, 1.2.0 wire format).
namespace IpfsMount.Net.Bitswap;

public sealed class BitswapMessage
{
    public List<BitswapWantEntry> Wantlist { get; } = [];

    /// <summary>Whether <see cref="Wantlist"/> replaces the receiver's copy of our wantlist.</summary>
    public bool Full { get; set; }

    public List<BitswapBlock> Blocks { get; } = [];

    public List<BitswapPresence> Presences { get; } = [];

    public int PendingBytes { get; set; }

    public bool IsEmpty => Wantlist.Count == 0 && Blocks.Count == 0 && Presences.Count == 0 && !Full;
}
