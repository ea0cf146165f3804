// Thrown when a libp2p protobuf message (key, identify, noise payload) is malformed.
namespace IpfsMount.Net.Protobuf;

public sealed class InvalidProtobufException(string message) : FormatException("invalid protobuf message: " + message);
