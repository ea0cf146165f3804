// Thrown when imported key bytes are not a libp2p Ed25519 key protobuf.
namespace IpfsMount.Storage;

public sealed class KeyFormatException(string message) : FormatException(message);
