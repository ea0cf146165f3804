// A multihash that is truncated, has an impossible digest length or an unsupported function (multiformats multihash spec).
namespace IpfsMount.Core;

public sealed class InvalidMultihashException : IpfsFormatException
{
    public InvalidMultihashException(string message) : base(message) { }

    public InvalidMultihashException(string message, Exception? inner) : base(message, inner) { }
}
