// What Bitswap needs from the libp2p host: streams to peers for a protocol list, an inbound handler, peer events.
namespace IpfsMount.Net.Bitswap;

public interface IBitswapNetwork
{
    /// <summary>Peers connected now (peer ids as strings, e.g. "12D3Koo…").</summary>
    IReadOnlyCollection<string> ConnectedPeers { get; }

    event Action<string>? PeerConnected;

    event Action<string>? PeerDisconnected;

    /// <summary>Opens a stream to <paramref name="peer"/> negotiating the first protocol it supports from <paramref name="protocols"/>.</summary>
    Task<(Stream Stream, string Protocol)> OpenStreamAsync(string peer, IReadOnlyList<string> protocols, CancellationToken ct);

    /// <summary>Registers the handler of inbound streams for <paramref name="protocols"/> (peer, protocol, stream, ct).</summary>
    void SetStreamHandler(IReadOnlyList<string> protocols, Func<string, string, Stream, CancellationToken, Task> handler);
}
