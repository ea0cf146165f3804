// Raised when a mount cannot be set up; the message says what to check.
namespace IpfsMount.Fuse;

public sealed class FuseMountException(string message) : Exception(message);
