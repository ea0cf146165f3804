// Thrown for Yamux protocol violations (bad header, window overflow, unknown stream) and closed sessions.
namespace IpfsMount.Net.Yamux;

public sealed class YamuxException(string message, Exception? inner = null) : IOException(message, inner);
