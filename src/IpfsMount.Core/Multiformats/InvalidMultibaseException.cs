// Multibase text with an unknown prefix or characters outside its alphabet (multiformats multibase spec).
namespace IpfsMount.Core;

public sealed class InvalidMultibaseException : IpfsFormatException
{
    public InvalidMultibaseException(string message) : base(message) { }

    public InvalidMultibaseException(string message, Exception? inner) : base(message, inner) { }
}
