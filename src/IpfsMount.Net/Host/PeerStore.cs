// The host's address book: addresses and protocols per peer, from dials, identify and identify-push.
using System.Collections.Concurrent;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Host;

/// <summary>Thread-safe map from peer to <see cref="PeerRecord"/>; bounded addresses per peer.</summary>
public sealed class PeerStore
{
    public const int MaxAddressesPerPeer = 32;
    private readonly ConcurrentDictionary<PeerId, PeerRecord> _peers = new();

    public IReadOnlyCollection<PeerId> Peers => _peers.Keys.ToList();

    public PeerRecord? Get(PeerId peer) => _peers.TryGetValue(peer, out var r) ? r : null;

    public IReadOnlyList<Multiaddress> GetAddresses(PeerId peer) => Get(peer)?.Addresses ?? [];

    public IReadOnlyList<string> GetProtocols(PeerId peer) => Get(peer)?.Protocols ?? [];

    /// <summary>Whether identify reported that the peer speaks the protocol.</summary>
    public bool Supports(PeerId peer, string protocol) => GetProtocols(peer).Contains(protocol);

    public void AddAddresses(PeerId peer, IEnumerable<Multiaddress> addresses)
    {
        var list = addresses.Select(a => a.WithoutPeerId()).ToList();
        Update(peer, r => r with { Addresses = r.Addresses.Concat(list).Distinct().TakeLast(MaxAddressesPerPeer).ToList() });
    }

    public void SetProtocols(PeerId peer, IEnumerable<string> protocols)
    {
        var list = protocols.Distinct().ToList();
        Update(peer, r => r with { Protocols = list });
    }

    /// <summary>Applies a change to the peer's record (creating it if needed).</summary>
    public PeerRecord Update(PeerId peer, Func<PeerRecord, PeerRecord> change) =>
        _peers.AddOrUpdate(
            peer,
            p => change(new PeerRecord(p, [], [], null, null, null, DateTimeOffset.UtcNow)) with { LastSeen = DateTimeOffset.UtcNow },
            (_, old) => change(old) with { LastSeen = DateTimeOffset.UtcNow });

    public bool Remove(PeerId peer) => _peers.TryRemove(peer, out _);
}
