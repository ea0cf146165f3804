// Thrown for pin operations a user asked wrongly: not pinned, pinned indirectly, already pinned recursively, missing blocks.
namespace IpfsMount.Storage;

public sealed class PinException(string message, Exception? inner = null) : Exception(message, inner);
