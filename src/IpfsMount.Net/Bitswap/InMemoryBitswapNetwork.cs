// In-memory IBitswapNetwork: nodes of one InMemoryBitswapHub connect by name and exchange in-memory streams (tests).
namespace IpfsMount.Net.Bitswap;

public sealed class InMemoryBitswapNetwork : IBitswapNetwork
{
    private readonly InMemoryBitswapHub _hub;
    private readonly HashSet<string> _connected = [];
    private readonly Lock _lock = new();
    private IReadOnlyList<string> _protocols = [];
    private Func<string, string, Stream, CancellationToken, Task>? _handler;
    private readonly CancellationTokenSource _cts = new();

    internal InMemoryBitswapNetwork(InMemoryBitswapHub hub, string peerId)
    {
        _hub = hub;
        PeerId = peerId;
    }

    public string PeerId { get; }

    /// <summary>Streams opened by this node so far (tests check reuse and fallback).</summary>
    public int StreamsOpened { get; private set; }

    public IReadOnlyCollection<string> ConnectedPeers
    {
        get
        {
            lock (_lock)
                return [.. _connected];
        }
    }

    public event Action<string>? PeerConnected;

    public event Action<string>? PeerDisconnected;

    public void SetStreamHandler(IReadOnlyList<string> protocols, Func<string, string, Stream, CancellationToken, Task> handler)
    {
        _protocols = protocols;
        _handler = handler;
    }

    public Task<(Stream Stream, string Protocol)> OpenStreamAsync(string peer, IReadOnlyList<string> protocols, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_connected.Contains(peer))
                throw new IOException($"peer {peer} is not connected to {PeerId}");
        }
        var remote = _hub.Get(peer);
        var protocol = protocols.FirstOrDefault(p => remote._protocols.Contains(p))
            ?? throw new IOException($"peer {peer} supports none of {string.Join(", ", protocols)}");
        var handler = remote._handler ?? throw new IOException($"peer {peer} has no handler");
        var (local, far) = InMemoryDuplexStream.CreatePair();
        StreamsOpened++;
        _ = Task.Run(async () =>
        {
            try
            {
                await handler(PeerId, protocol, far, remote._cts.Token).ConfigureAwait(false);
            }
            catch
            {
                // a failing handler only ends its stream
            }
            finally
            {
                await far.DisposeAsync().ConfigureAwait(false);
            }
        });
        return Task.FromResult<(Stream, string)>((local, protocol));
    }

    internal void OnConnected(string peer)
    {
        lock (_lock)
        {
            if (!_connected.Add(peer))
                return;
        }
        PeerConnected?.Invoke(peer);
    }

    internal void OnDisconnected(string peer)
    {
        lock (_lock)
        {
            if (!_connected.Remove(peer))
                return;
        }
        PeerDisconnected?.Invoke(peer);
    }

    internal void Shutdown() => _cts.Cancel();
}
