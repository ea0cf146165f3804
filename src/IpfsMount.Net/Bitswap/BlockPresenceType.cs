// Block presence answer (Bitswap 1.2.0 Message.BlockPresenceType).
namespace IpfsMount.Net.Bitswap;

public enum BlockPresenceType
{
    Have = 0,
    DontHave = 1,
}
