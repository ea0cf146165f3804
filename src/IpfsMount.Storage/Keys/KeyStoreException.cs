// Thrown by KeyStore for user errors: unknown key, name taken, bad name, removing `self`.
namespace IpfsMount.Storage;

public sealed class KeyStoreException(string message, Exception? inner = null) : Exception(message, inner);
