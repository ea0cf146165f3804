// What a Bitswap session knows of one peer: how many blocks it has in flight and how it answered so far.
namespace IpfsMount.Net.Bitswap;

internal sealed class SessionPeer(string id)
{
    public string Id { get; } = id;

    public int InFlight { get; set; }

    /// <summary>Answered HAVE or sent a block in this session.</summary>
    public bool Useful { get; set; }

    public int DontHaves { get; set; }

    public long BlocksReceived { get; set; }
}
