// A libp2p key protobuf (PublicKey / PrivateKey) that is malformed or holds a key type we do not support.
namespace IpfsMount.Core;

public sealed class InvalidKeyProtobufException(string message) : IpfsFormatException(message);
