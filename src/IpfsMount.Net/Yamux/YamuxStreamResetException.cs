// Thrown by a Yamux stream read or write after the stream was reset (RST) or its session closed.
namespace IpfsMount.Net.Yamux;

public sealed class YamuxStreamResetException(string message) : IOException(message);
