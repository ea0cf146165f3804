// One live connection to a peer: its Yamux session plus addresses and direction.
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Multistream;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Host;

/// <summary>A secured, multiplexed connection; streams are opened with protocol negotiation.</summary>
public sealed class PeerConnection
{
    internal PeerConnection(YamuxSession session, Multiaddress remoteAddress, Multiaddress localAddress, ConnectionDirection direction)
    {
        Session = session;
        RemoteAddress = remoteAddress;
        LocalAddress = localAddress;
        Direction = direction;
    }

    public PeerId RemotePeer => Session.RemotePeer;

    public Multiaddress RemoteAddress { get; }

    public Multiaddress LocalAddress { get; }

    public ConnectionDirection Direction { get; }

    public DateTimeOffset OpenedAt { get; } = DateTimeOffset.UtcNow;

    public YamuxSession Session { get; }

    public bool IsClosed => Session.IsClosed;

    /// <summary>Opens a stream and negotiates the first protocol the peer accepts (in order of preference).</summary>
    public async Task<YamuxStream> OpenStreamAsync(IReadOnlyList<string> protocols, TimeSpan timeout, CancellationToken ct)
    {
        var stream = Session.OpenStream();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            stream.Protocol = await MultistreamSelect.SelectAsync(stream, protocols, cts.Token).ConfigureAwait(false);
            return stream;
        }
        catch (Exception e)
        {
            stream.Reset("protocol negotiation failed");
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
                throw new ProtocolNegotiationException($"peer {RemotePeer} did not answer protocol negotiation for {string.Join(", ", protocols)} within {timeout.TotalSeconds:0.#} s");
            throw;
        }
    }

    public ValueTask CloseAsync() => Session.DisposeAsync();

    public override string ToString() => $"{Direction} {RemotePeer} {RemoteAddress}";
}
