// Thrown when a dial would exceed the host's connection limits (Libp2pHostOptions.MaxConnections / per peer).
namespace IpfsMount.Net.Host;

public sealed class ConnectionLimitException(string message) : IOException(message);
