// The libp2p host: TCP listen/dial, connection upgrade (noise + yamux), stream handlers by protocol,
// connection limits, peer store, identify and ping. Spec: libp2p/specs connections/README.md.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Multistream;
using IpfsMount.Net.Protocols;
using IpfsMount.Net.Yamux;
using NSec.Cryptography;

namespace IpfsMount.Net.Host;

/// <summary>A libp2p node speaking TCP + /noise + /yamux/1.0.0, with identify and ping built in.</summary>
public sealed class Libp2pHost : IAsyncDisposable
{
    private const int MaxObservedAddresses = 16;
    private readonly ConcurrentDictionary<string, Func<IncomingStream, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly List<PeerConnection> _connections = [];
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Multiaddress> _listenAddresses = [];
    private readonly List<Multiaddress> _observed = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly IdentifyService _identify;
    private int _disposed;

    public Libp2pHost(Key ed25519PrivateKey, Libp2pHostOptions? options = null)
        : this(new PeerIdentity(ed25519PrivateKey), options)
    {
    }

    public Libp2pHost(PeerIdentity identity, Libp2pHostOptions? options = null)
    {
        Identity = identity;
        Options = options ?? new Libp2pHostOptions();
        _identify = new IdentifyService(this);
        _handlers[IdentifyService.ProtocolId] = _identify.ServeAsync;
        _handlers[IdentifyService.PushProtocolId] = _identify.ServePushAsync;
        _handlers[PingProtocol.ProtocolId] = (s, ct) => PingProtocol.ServeAsync(s.Stream, ct);
    }

    public PeerIdentity Identity { get; }

    public PeerId Id => Identity.PeerId;

    public Libp2pHostOptions Options { get; }

    public PeerStore PeerStore { get; } = new();

    /// <summary>A new connection to a peer we had no connection to.</summary>
    public event EventHandler<PeerConnection>? PeerConnected;

    /// <summary>The last connection to a peer closed.</summary>
    public event EventHandler<PeerConnection>? PeerDisconnected;

    /// <summary>Identify answered: the record now holds the peer's protocols and addresses.</summary>
    public event EventHandler<PeerRecord>? PeerIdentified;

    public IReadOnlyList<Multiaddress> ListenAddresses { get { lock (_listenAddresses) return _listenAddresses.ToList(); } }

    /// <summary>Our addresses as other peers reported seeing them (identify observedAddr).</summary>
    public IReadOnlyList<Multiaddress> ObservedAddresses { get { lock (_observed) return _observed.ToList(); } }

    public IReadOnlyList<PeerConnection> Connections { get { lock (_connections) return _connections.Where(c => !c.IsClosed).ToList(); } }

    public IReadOnlyList<string> Protocols => _handlers.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Listens on every address of <see cref="Libp2pHostOptions.ListenAddresses"/>.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        foreach (var a in Options.ListenAddresses) await ListenAsync(a, ct).ConfigureAwait(false);
    }

    /// <summary>Listens on /ip4|ip6/…/tcp/port (port 0 picks a free one); returns the bound address.</summary>
    public Task<Multiaddress> ListenAsync(Multiaddress address, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!address.TryGetTcpTarget(out var hostText, out var port, out var proto) || proto.Code is not (4 or 41))
            throw new ArgumentException($"cannot listen on {address}: only /ip4/…/tcp/… and /ip6/…/tcp/… are supported", nameof(address));
        var ip = IPAddress.Parse(hostText);
        var listener = new TcpListener(new IPEndPoint(ip, port));
        if (ip.AddressFamily == AddressFamily.InterNetworkV6) listener.Server.DualMode = false;
        try
        {
            listener.Start(512);
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot listen on {address}: {e.Message}", e);
        }
        var bound = Multiaddress.FromTcpEndPoint((IPEndPoint)listener.LocalEndpoint);
        lock (_listenAddresses)
        {
            _listeners.Add(listener);
            _listenAddresses.Add(bound);
        }
        _ = Task.Run(() => AcceptLoopAsync(listener), CancellationToken.None);
        return Task.FromResult(bound);
    }

    /// <summary>Dials a TCP multiaddress; with /p2p/ the remote must prove that identity. Reuses a live connection to that peer.</summary>
    public async Task<PeerConnection> DialAsync(Multiaddress address, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var expected = address.PeerId;
        if (expected == Id) throw new ArgumentException($"{address} is this host itself", nameof(address));
        if (expected is { } known && FindConnection(known) is { } existing) return existing;
        if (Connections.Count >= Options.MaxConnections)
            throw new ConnectionLimitException($"cannot dial {address}: the limit of {Options.MaxConnections} connections is reached");
        if (!address.TryGetTcpTarget(out var hostText, out var port, out var proto))
            throw new NotSupportedException($"cannot dial {address}: only TCP addresses (/ip4, /ip6, /dns, /dns4, /dns6 then /tcp) are supported");

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        cts.CancelAfter(Options.HandshakeTimeout);
        Socket? socket = null;
        try
        {
            socket = await ConnectTcpAsync(hostText, port, proto, cts.Token).ConfigureAwait(false);
            var remote = Multiaddress.FromTcpEndPoint((IPEndPoint)socket.RemoteEndPoint!);
            var local = Multiaddress.FromTcpEndPoint((IPEndPoint)socket.LocalEndPoint!);
            var raw = new NetworkStream(socket, ownsSocket: true);
            socket = null;
            YamuxSession session;
            try
            {
                session = await ConnectionUpgrader.UpgradeOutboundAsync(raw, Identity, expected, Options.Yamux, cts.Token).ConfigureAwait(false);
            }
            catch
            {
                await raw.DisposeAsync().ConfigureAwait(false);
                throw;
            }
            var connection = new PeerConnection(session, remote, local, ConnectionDirection.Outbound);
            if (!TryRegister(connection, out var why))
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw new ConnectionLimitException($"connected to {address} but {why}");
            }
            PeerStore.AddAddresses(connection.RemotePeer, [address.WithoutPeerId()]);
            return connection;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"dialing {address} did not complete within {Options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>Returns a live connection to the peer, dialing its known addresses if needed.</summary>
    public async Task<PeerConnection> ConnectAsync(PeerId peer, CancellationToken ct = default)
    {
        if (FindConnection(peer) is { } existing) return existing;
        var addresses = PeerStore.GetAddresses(peer);
        if (addresses.Count == 0) throw new IOException($"no connection to {peer} and no known address to dial");
        Exception? last = null;
        foreach (var a in addresses)
        {
            try
            {
                return await DialAsync(a.WithPeerId(peer), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or TimeoutException or NotSupportedException or SocketException)
            {
                last = e;
            }
        }
        throw new IOException($"could not connect to {peer} on any of {addresses.Count} known addresses: {last?.Message}", last);
    }

    /// <summary>Opens a stream to the peer (connecting if needed) and negotiates the first protocol it supports.</summary>
    public async Task<Stream> NewStreamAsync(PeerId peer, IReadOnlyList<string> protocols, CancellationToken ct = default)
    {
        var connection = await ConnectAsync(peer, ct).ConfigureAwait(false);
        return await connection.OpenStreamAsync(protocols, Options.StreamNegotiationTimeout, ct).ConfigureAwait(false);
    }

    /// <summary>Registers the handler of a protocol; the stream is disposed when the handler's task ends.</summary>
    public void SetStreamHandler(string protocol, Func<IncomingStream, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[protocol] = handler;
        _identify.PushToAll(_stopping.Token);
    }

    public void RemoveStreamHandler(string protocol)
    {
        if (_handlers.TryRemove(protocol, out _)) _identify.PushToAll(_stopping.Token);
    }

    /// <summary>Pings the peer with /ipfs/ping/1.0.0 and returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(PeerId peer, CancellationToken ct = default)
    {
        await using var stream = await NewStreamAsync(peer, [PingProtocol.ProtocolId], ct).ConfigureAwait(false);
        return await PingProtocol.PingOnceAsync(stream, ct).ConfigureAwait(false);
    }

    /// <summary>Runs identify against a connected peer now (it also runs on every new connection).</summary>
    public async Task<IdentifyMessage?> IdentifyAsync(PeerId peer, CancellationToken ct = default)
    {
        var connection = await ConnectAsync(peer, ct).ConfigureAwait(false);
        return await _identify.IdentifyAsync(connection, ct).ConfigureAwait(false);
    }

    /// <summary>Closes every connection to the peer.</summary>
    public async Task DisconnectAsync(PeerId peer)
    {
        foreach (var c in Connections.Where(c => c.RemotePeer == peer)) await c.CloseAsync().ConfigureAwait(false);
    }

    public PeerConnection? FindConnection(PeerId peer)
    {
        lock (_connections) return _connections.FirstOrDefault(c => c.RemotePeer == peer && !c.IsClosed);
    }

    internal void AddObservedAddress(Multiaddress address)
    {
        address = address.WithoutPeerId();
        lock (_observed)
        {
            _observed.Remove(address);
            _observed.Add(address);
            if (_observed.Count > MaxObservedAddresses) _observed.RemoveAt(0);
        }
    }

    internal void RaisePeerIdentified(PeerRecord record) => Raise(PeerIdentified, record);

    private static async Task<Socket> ConnectTcpAsync(string hostText, int port, MultiaddressProtocol proto, CancellationToken ct)
    {
        IPAddress[] candidates = proto.Code switch
        {
            4 or 41 => [IPAddress.Parse(hostText)],
            54 => await Dns.GetHostAddressesAsync(hostText, AddressFamily.InterNetwork, ct).ConfigureAwait(false),
            55 => await Dns.GetHostAddressesAsync(hostText, AddressFamily.InterNetworkV6, ct).ConfigureAwait(false),
            _ => await Dns.GetHostAddressesAsync(hostText, ct).ConfigureAwait(false),
        };
        SocketException? last = null;
        foreach (var ip in candidates)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(ip, port), ct).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new IOException($"cannot connect to {hostText}:{port}: {last?.Message ?? "name did not resolve"}", last);
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested) return;
                continue;
            }
            socket.NoDelay = true;
            _ = Task.Run(() => HandleInboundAsync(socket), CancellationToken.None);
        }
    }

    private async Task HandleInboundAsync(Socket socket)
    {
        if (Connections.Count >= Options.MaxConnections)
        {
            socket.Dispose();
            return;
        }
        var remote = Multiaddress.FromTcpEndPoint((IPEndPoint)socket.RemoteEndPoint!);
        var local = Multiaddress.FromTcpEndPoint((IPEndPoint)socket.LocalEndPoint!);
        var raw = new NetworkStream(socket, ownsSocket: true);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        cts.CancelAfter(Options.HandshakeTimeout);
        YamuxSession session;
        try
        {
            session = await ConnectionUpgrader.UpgradeInboundAsync(raw, Identity, Options.Yamux, cts.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed inbound handshake (bad peer, timeout, closed socket) only costs that socket.
            await raw.DisposeAsync().ConfigureAwait(false);
            return;
        }
        var connection = new PeerConnection(session, remote, local, ConnectionDirection.Inbound);
        if (!TryRegister(connection, out _)) await session.DisposeAsync().ConfigureAwait(false);
    }

    private bool TryRegister(PeerConnection connection, out string? reason)
    {
        bool first;
        lock (_connections)
        {
            _connections.RemoveAll(c => c.IsClosed);
            int perPeer = _connections.Count(c => c.RemotePeer == connection.RemotePeer);
            if (_disposed != 0) reason = "the host is shutting down";
            else if (_connections.Count >= Options.MaxConnections) reason = $"the limit of {Options.MaxConnections} connections is reached";
            else if (perPeer >= Options.MaxConnectionsPerPeer) reason = $"the limit of {Options.MaxConnectionsPerPeer} connections per peer is reached";
            else reason = null;
            if (reason is not null) return false;
            first = perPeer == 0;
            _connections.Add(connection);
        }
        _ = Task.Run(() => AcceptStreamsAsync(connection), CancellationToken.None);
        connection.Session.Completion.ContinueWith(_ => OnClosed(connection), TaskScheduler.Default);
        if (first) Raise(PeerConnected, connection);
        if (Options.IdentifyOnConnect) _ = Task.Run(() => _identify.IdentifyAsync(connection, _stopping.Token), CancellationToken.None);
        return true;
    }

    private void OnClosed(PeerConnection connection)
    {
        bool last;
        lock (_connections)
        {
            _connections.Remove(connection);
            last = !_connections.Any(c => c.RemotePeer == connection.RemotePeer && !c.IsClosed);
        }
        if (last) Raise(PeerDisconnected, connection);
    }

    private async Task AcceptStreamsAsync(PeerConnection connection)
    {
        while (true)
        {
            YamuxStream stream;
            try
            {
                stream = await connection.Session.AcceptStreamAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is YamuxException or OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => HandleStreamAsync(connection, stream), CancellationToken.None);
        }
    }

    private async Task HandleStreamAsync(PeerConnection connection, YamuxStream stream)
    {
        string protocol;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            cts.CancelAfter(Options.StreamNegotiationTimeout);
            try
            {
                protocol = await MultistreamSelect.HandleAsync(stream, _handlers.ContainsKey, () => Protocols, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                stream.Reset("protocol negotiation failed");
                return;
            }
        }
        stream.Protocol = protocol;
        if (!_handlers.TryGetValue(protocol, out var handler))
        {
            stream.Reset("handler was removed");
            return;
        }
        try
        {
            await handler(new IncomingStream(stream, connection.RemotePeer, protocol, connection), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failing handler affects only its own stream.
            stream.Reset("handler failed");
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T arg)
    {
        if (handler is null) return;
        foreach (EventHandler<T> h in handler.GetInvocationList())
        {
            try
            {
                h(this, arg);
            }
            catch (Exception)
            {
                // Event subscribers must not break the host.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        lock (_listenAddresses)
        {
            foreach (var l in _listeners) l.Stop();
            _listeners.Clear();
        }
        List<PeerConnection> all;
        lock (_connections) all = _connections.ToList();
        await Task.WhenAll(all.Select(c => c.CloseAsync().AsTask())).ConfigureAwait(false);
    }
}
