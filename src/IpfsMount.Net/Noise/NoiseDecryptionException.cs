// Thrown when a Noise ciphertext fails authentication: the connection is no longer trustworthy and is closed.
namespace IpfsMount.Net.Noise;

public sealed class NoiseDecryptionException(string message, Exception? inner) : IOException(message, inner);
