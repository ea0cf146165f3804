// Thrown for a Bitswap message that is malformed or over a limit; the peer that sent it is misbehaving.
namespace IpfsMount.Net.Bitswap;

public sealed class InvalidBitswapMessageException(string message) : FormatException(message);
