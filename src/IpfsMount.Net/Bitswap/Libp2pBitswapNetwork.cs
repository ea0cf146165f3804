// IBitswapNetwork over the libp2p host: Bitswap streams are Yamux streams negotiated with multistream-select.
using System.Collections.Concurrent;
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Bitswap;

public sealed class Libp2pBitswapNetwork : IBitswapNetwork, IDisposable
{
    private readonly Libp2pHost _host;
    private readonly ConcurrentDictionary<string, PeerId> _peerIds = new();

    public Libp2pBitswapNetwork(Libp2pHost host)
    {
        _host = host;
        _host.PeerConnected += OnConnected;
        _host.PeerDisconnected += OnDisconnected;
    }

    public IReadOnlyCollection<string> ConnectedPeers =>
        _host.Connections.Select(c => Remember(c.RemotePeer)).Distinct().ToList();

    public event Action<string>? PeerConnected;

    public event Action<string>? PeerDisconnected;

    public async Task<(Stream Stream, string Protocol)> OpenStreamAsync(string peer, IReadOnlyList<string> protocols, CancellationToken ct)
    {
        var id = _peerIds.TryGetValue(peer, out var known) ? known : PeerId.Parse(peer);
        var stream = await _host.NewStreamAsync(id, protocols, ct).ConfigureAwait(false);
        var protocol = (stream as YamuxStream)?.Protocol ?? protocols[0];
        return (stream, protocol);
    }

    public void SetStreamHandler(IReadOnlyList<string> protocols, Func<string, string, Stream, CancellationToken, Task> handler)
    {
        foreach (var protocol in protocols)
            _host.SetStreamHandler(protocol, (s, ct) => handler(Remember(s.RemotePeer), s.Protocol, s.Stream, ct));
    }

    private string Remember(PeerId id)
    {
        var text = id.ToString();
        _peerIds.TryAdd(text, id);
        return text;
    }

    private void OnConnected(object? sender, PeerConnection c) => PeerConnected?.Invoke(Remember(c.RemotePeer));

    private void OnDisconnected(object? sender, PeerConnection c) => PeerDisconnected?.Invoke(Remember(c.RemotePeer));

    public void Dispose()
    {
        _host.PeerConnected -= OnConnected;
        _host.PeerDisconnected -= OnDisconnected;
    }
}
