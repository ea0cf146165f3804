// A Bitswap node (ipfs/specs bitswap-protocol.md): registers /ipfs/bitswap/1.2.0, 1.1.0 and 1.0.0 on the network,
// reads length-prefixed messages from inbound streams and hands wants to the server, blocks/presences to the client.
using System.Collections.Concurrent;
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public sealed class BitswapExchange : IAsyncDisposable
{
    private readonly IBitswapNetwork _network;
    private readonly BitswapOptions _options;
    private readonly ConcurrentDictionary<string, PeerMessageSender> _senders = new();
    private readonly ConcurrentDictionary<string, int> _inboundStreams = new();
    private readonly HashSet<string> _connected = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cts = new();
    private long _invalidMessages;
    private int _disposed;

    public BitswapExchange(IBitswapNetwork network, IBlockStore store, BitswapOptions? options = null)
    {
        _network = network;
        _options = options ?? BitswapOptions.Default;
        Store = store;
        Server = new BitswapServer(store, _options, SenderOf);
        Client = new BitswapClient(_options, SenderOf);
        _network.PeerConnected += OnPeerConnected;
        _network.PeerDisconnected += OnPeerDisconnected;
        _network.SetStreamHandler(_options.Protocols, HandleStreamAsync);
        foreach (var peer in _network.ConnectedPeers)
            OnPeerConnected(peer);
    }

    public BitswapClient Client { get; }

    public BitswapServer Server { get; }

    public IBlockStore Store { get; }

    public BitswapOptions Options => _options;

    /// <summary>Messages from peers that were malformed or over a limit (their streams were closed).</summary>
    public long InvalidMessages => Interlocked.Read(ref _invalidMessages);

    /// <summary>Bitswap messages written to <paramref name="peer"/> so far.</summary>
    public long MessagesSentTo(string peer) => _senders.TryGetValue(peer, out var s) ? s.MessagesSent : 0;

    private PeerMessageSender? SenderOf(string peer)
    {
        if (Volatile.Read(ref _disposed) != 0)
            return null;
        return _senders.GetOrAdd(peer, p => new PeerMessageSender(p, _network, _options, Server.OnSenderDrained));
    }

    private void OnPeerConnected(string peer)
    {
        IReadOnlySet<string> snapshot;
        lock (_lock)
        {
            if (!_connected.Add(peer))
                return;
            snapshot = new HashSet<string>(_connected);
        }
        Client.OnPeerConnected(peer, snapshot);
    }

    private void OnPeerDisconnected(string peer)
    {
        IReadOnlySet<string> snapshot;
        lock (_lock)
        {
            if (!_connected.Remove(peer))
                return;
            snapshot = new HashSet<string>(_connected);
        }
        Client.OnPeerDisconnected(peer, snapshot);
        Server.OnPeerDisconnected(peer);
        if (_senders.TryRemove(peer, out var sender))
            _ = sender.DisposeAsync().AsTask();
    }

    /// <summary>Reads messages from one inbound stream until it ends, breaks, or sends something invalid.</summary>
    private async Task HandleStreamAsync(string peer, string protocol, Stream stream, CancellationToken ct)
    {
        var count = _inboundStreams.AddOrUpdate(peer, 1, (_, n) => n + 1);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _cts.Token);
        try
        {
            if (count > _options.MaxInboundStreamsPerPeer)
                return;
            BitswapProtocols.Parse(protocol);
            while (!linked.IsCancellationRequested)
            {
                var body = await BitswapFraming.ReadFrameAsync(stream, _options.MaxMessageSize, linked.Token).ConfigureAwait(false);
                if (body is null)
                    return;
                var message = BitswapMessageCodec.Decode(body, _options);
                Server.OnMessage(peer, message);
                Client.OnMessage(peer, message);
            }
        }
        catch (Exception e) when (e is InvalidBitswapMessageException or ArgumentException)
        {
            Interlocked.Increment(ref _invalidMessages);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or OperationCanceledException or ObjectDisposedException)
        {
            // stream ended under us
        }
        finally
        {
            _inboundStreams.AddOrUpdate(peer, 0, (_, n) => n - 1);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Tells peers waiting for <paramref name="cid"/> that we have it now.</summary>
    public void NotifyNewBlock(Cid cid) => Server.NotifyNewBlock(cid);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _network.PeerConnected -= OnPeerConnected;
        _network.PeerDisconnected -= OnPeerDisconnected;
        _cts.Cancel();
        await Client.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
        foreach (var sender in _senders.Values)
            await sender.DisposeAsync().ConfigureAwait(false);
        _senders.Clear();
        _cts.Dispose();
    }
}
