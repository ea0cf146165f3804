// Wantlist entry type (Bitswap 1.2.0 Message.Wantlist.WantType): send the block, or just say whether you have it.
namespace IpfsMount.Net.Bitswap;

public enum WantType
{
    Block = 0,
    Have = 1,
}
