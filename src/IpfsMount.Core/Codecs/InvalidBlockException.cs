// Block bytes that are not valid for their codec (dag-pb or dag-cbor strict decoding).
namespace IpfsMount.Core;

public sealed class InvalidBlockException : IpfsFormatException
{
    public InvalidBlockException(string message) : base(message) { }

    public InvalidBlockException(string message, Exception? inner) : base(message, inner) { }
}
