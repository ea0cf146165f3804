// The three Bitswap wire versions (ipfs/specs bitswap-protocol.md): 1.0.0 blocks, 1.1.0 prefixed payload, 1.2.0 have/dont-have.
namespace IpfsMount.Net.Bitswap;

public enum BitswapVersion
{
    V100 = 100,
    V110 = 110,
    V120 = 120,
}
