// Thrown when GC must stop without sweeping (a corrupt block under a root hides which blocks are reachable).
namespace IpfsMount.Storage;

public sealed class GcException(string message, Exception? inner = null) : Exception(message, inner);
