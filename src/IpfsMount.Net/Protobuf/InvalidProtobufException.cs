// Thrown when a libp2p protobuf message (identify, noise payload) is malformed; the message names the message type,
// the reason and the byte offset (built by Core's ProtobufReader).
namespace IpfsMount.Net.Protobuf;

public sealed class InvalidProtobufException(string message) : FormatException(message);
