// A CAR file that does not follow the CARv1/CARv2 spec (https://ipld.io/specs/transport/car/): bad header,
// truncated or oversized section, broken CID or index.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public sealed class InvalidCarException : IpfsFormatException
{
    public InvalidCarException(string message) : base(message) { }

    public InvalidCarException(string message, Exception? inner) : base(message, inner) { }
}
