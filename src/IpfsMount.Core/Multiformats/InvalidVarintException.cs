// An unsigned varint that is truncated, too long or not minimally encoded (multiformats unsigned-varint spec).
namespace IpfsMount.Core;

public sealed class InvalidVarintException : IpfsFormatException
{
    public InvalidVarintException(string message) : base(message) { }

    public InvalidVarintException(string message, Exception? inner) : base(message, inner) { }
}
