// Thrown for a peer ID that cannot be parsed or does not match the expected key (libp2p peer-ids spec).
namespace IpfsMount.Net.Identity;

public sealed class InvalidPeerIdException(string message) : FormatException(message);
