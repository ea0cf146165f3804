// Who opened a connection: we dialed it (Outbound) or accepted it (Inbound).
namespace IpfsMount.Net.Host;

public enum ConnectionDirection
{
    Inbound,
    Outbound,
}
