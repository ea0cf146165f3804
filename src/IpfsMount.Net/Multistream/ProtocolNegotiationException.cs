// Thrown when multistream-select fails: the peer supports none of our protocols, or spoke something else.
namespace IpfsMount.Net.Multistream;

public sealed class ProtocolNegotiationException(string message) : IOException(message);
