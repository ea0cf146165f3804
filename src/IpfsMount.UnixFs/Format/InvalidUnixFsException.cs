// Raised when bytes are not a valid UnixFS v1 `Data` message or a DAG does not have valid UnixFS structure.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>Malformed UnixFS data (protobuf or DAG shape). The message says which node and what is wrong.</summary>
public sealed class InvalidUnixFsException : IpfsFormatException
{
    public InvalidUnixFsException(string message) : base(message) { }

    public InvalidUnixFsException(string message, Exception? inner) : base(message, inner) { }
}
