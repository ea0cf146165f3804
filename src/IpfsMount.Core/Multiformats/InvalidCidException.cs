// A CID (text or binary) that does not follow the CID spec (v0 or v1).
namespace IpfsMount.Core;

public sealed class InvalidCidException : IpfsFormatException
{
    public InvalidCidException(string message) : base(message) { }

    public InvalidCidException(string message, Exception? inner) : base(message, inner) { }
}
