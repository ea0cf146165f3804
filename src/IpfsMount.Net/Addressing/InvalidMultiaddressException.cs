// Thrown for a multiaddress that cannot be parsed (text or binary), with the offending part named.
namespace IpfsMount.Net.Addressing;

public sealed class InvalidMultiaddressException(string message) : FormatException(message);
