// Identify (/ipfs/id/1.0.0) and identify-push (/ipfs/id/push/1.0.0) for a Libp2pHost: answers with our
// key, addresses and protocols; asks new peers and fills the peer store. Spec: libp2p/specs identify/README.md.
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Protocols;

namespace IpfsMount.Net.Host;

internal sealed class IdentifyService(Libp2pHost host)
{
    public const string ProtocolId = "/ipfs/id/1.0.0";
    public const string PushProtocolId = "/ipfs/id/push/1.0.0";
    public const int MaxMessageLength = 64 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly Dictionary<PeerConnection, Task<IdentifyMessage?>> _inFlight = new(ReferenceEqualityComparer.Instance);

    public IdentifyMessage BuildMessage(Multiaddress? observed) => new()
    {
        ProtocolVersion = host.Options.ProtocolVersion,
        AgentVersion = host.Options.AgentVersion,
        PublicKey = host.Identity.PublicKeyProtobuf,
        ListenAddresses = AdvertisedAddresses(host.ListenAddresses),
        ObservedAddress = observed,
        Protocols = host.Protocols,
    };

    public async Task ServeAsync(IncomingStream incoming, CancellationToken ct)
    {
        var message = BuildMessage(incoming.Connection.RemoteAddress);
        await LengthPrefixedMessage.WriteAsync(incoming.Stream, message.Encode(), ct).ConfigureAwait(false);
    }

    public async Task ServePushAsync(IncomingStream incoming, CancellationToken ct)
    {
        var bytes = await LengthPrefixedMessage.ReadAsync(incoming.Stream, MaxMessageLength, ct).ConfigureAwait(false);
        if (bytes is not null) Apply(incoming.Connection, IdentifyMessage.Decode(bytes), isPush: true);
    }

    /// <summary>Asks the remote who it is; failures (peer without identify) are swallowed. Calls for a connection
    /// that already has an identify in flight (the one run on connect, say) wait for that one: peers may refuse a
    /// second identify stream meanwhile (js-libp2p takes one inbound identify stream per connection).</summary>
    public async Task<IdentifyMessage?> IdentifyAsync(PeerConnection connection, CancellationToken ct)
    {
        Task<IdentifyMessage?> run;
        lock (_inFlight)
        {
            if (!_inFlight.TryGetValue(connection, out run!))
            {
                run = Task.Run(() => AskAsync(connection));
                _inFlight[connection] = run;
                _ = run.ContinueWith(_ =>
                {
                    lock (_inFlight) _inFlight.Remove(connection);
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        try
        {
            return await run.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<IdentifyMessage?> AskAsync(PeerConnection connection)
    {
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await using var stream = await connection.OpenStreamAsync([ProtocolId], Timeout, cts.Token).ConfigureAwait(false);
            var bytes = await LengthPrefixedMessage.ReadAsync(stream, MaxMessageLength, cts.Token).ConfigureAwait(false);
            if (bytes is null) return null;
            var message = IdentifyMessage.Decode(bytes);
            Apply(connection, message, isPush: false);
            return message;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Tells every connected peer that our protocols changed.</summary>
    public void PushToAll(CancellationToken ct)
    {
        foreach (var connection in host.Connections)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await using var stream = await connection.OpenStreamAsync([PushProtocolId], Timeout, ct).ConfigureAwait(false);
                    await LengthPrefixedMessage.WriteAsync(stream, BuildMessage(connection.RemoteAddress).Encode(), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
                {
                    // The peer may not support push or may be gone; nothing to do.
                }
            }, ct);
        }
    }

    private void Apply(PeerConnection connection, IdentifyMessage message, bool isPush)
    {
        var peer = connection.RemotePeer;
        if (message.PublicKey is not null && !peer.MatchesPublicKey(message.PublicKey)) return; // key of another peer: ignore
        var record = host.PeerStore.Update(peer, r => r with
        {
            Protocols = isPush && message.Protocols.Count == 0 ? r.Protocols : message.Protocols.Distinct().ToList(),
            AgentVersion = message.AgentVersion ?? r.AgentVersion,
            ProtocolVersion = message.ProtocolVersion ?? r.ProtocolVersion,
            PublicKey = message.PublicKey ?? r.PublicKey,
            Addresses = r.Addresses.Concat(message.ListenAddresses.Select(a => a.WithoutPeerId())).Distinct()
                .TakeLast(PeerStore.MaxAddressesPerPeer).ToList(),
        });
        if (!isPush && message.ObservedAddress is not null) host.AddObservedAddress(message.ObservedAddress);
        host.RaisePeerIdentified(record);
    }

    /// <summary>Replaces wildcard listen addresses (0.0.0.0, ::) by the machine's interface addresses.</summary>
    internal static IReadOnlyList<Multiaddress> AdvertisedAddresses(IReadOnlyList<Multiaddress> listen)
    {
        var result = new List<Multiaddress>();
        foreach (var a in listen)
        {
            if (!a.TryGetTcpTarget(out var hostText, out var port, out _) || !IPAddress.TryParse(hostText, out var ip)
                || !(ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
            {
                result.Add(a);
                continue;
            }
            foreach (var local in InterfaceAddresses(ip.AddressFamily))
                result.Add(Multiaddress.FromTcpEndPoint(new IPEndPoint(local, port)));
        }
        return result.Distinct().ToList();
    }

    private static IEnumerable<IPAddress> InterfaceAddresses(AddressFamily family)
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            yield break;
        }
        foreach (var ni in interfaces)
        {
            if (ni.OperationalStatus != OperationalStatus.Up && ni.NetworkInterfaceType != NetworkInterfaceType.Loopback) continue;
            foreach (var u in ni.GetIPProperties().UnicastAddresses)
                if (u.Address.AddressFamily == family && !u.Address.IsIPv6LinkLocal) yield return u.Address;
        }
    }
}
