// Base class for every "these bytes/this text are not a valid IPFS format" error raised by IpfsMount.Core.
namespace IpfsMount.Core;

/// <summary>Malformed multiformats or IPLD input. Catch this to handle every Core parse error at once.</summary>
public class IpfsFormatException : FormatException
{
    public IpfsFormatException(string message) : base(message) { }

    public IpfsFormatException(string message, Exception? inner) : base(message, inner) { }
}
