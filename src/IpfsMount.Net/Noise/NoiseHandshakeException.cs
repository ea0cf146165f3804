// Thrown when the Noise handshake fails: bad message, bad signature, or the remote is not the expected peer.
namespace IpfsMount.Net.Noise;

public sealed class NoiseHandshakeException(string message, Exception? inner = null) : IOException(message, inner);
