// Upgrades a raw TCP connection: multistream-select /noise, Noise XX handshake, multistream-select /yamux/1.0.0.
// Spec: libp2p/specs connections/README.md ("Upgrading connections").
using IpfsMount.Net.Identity;
using IpfsMount.Net.Multistream;
using IpfsMount.Net.Noise;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Host;

/// <summary>Turns a TCP stream into a secure, multiplexed Yamux session.</summary>
public static class ConnectionUpgrader
{
    public static async Task<YamuxSession> UpgradeOutboundAsync(Stream raw, PeerIdentity identity, PeerId? expectedPeer, YamuxOptions options, CancellationToken ct)
    {
        await MultistreamSelect.SelectAsync(raw, [NoiseHandshake.ProtocolId], ct).ConfigureAwait(false);
        var channel = await NoiseHandshake.InitiateAsync(raw, identity, expectedPeer, ct).ConfigureAwait(false);
        try
        {
            await MultistreamSelect.SelectAsync(new NoiseChannelStream(channel), [YamuxSession.ProtocolId], ct).ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var session = new YamuxSession(channel, isClient: true, options);
        session.Start();
        return session;
    }

    public static async Task<YamuxSession> UpgradeInboundAsync(Stream raw, PeerIdentity identity, YamuxOptions options, CancellationToken ct)
    {
        string[] security = [NoiseHandshake.ProtocolId];
        await MultistreamSelect.HandleAsync(raw, p => p == NoiseHandshake.ProtocolId, () => security, ct).ConfigureAwait(false);
        var channel = await NoiseHandshake.RespondAsync(raw, identity, ct).ConfigureAwait(false);
        try
        {
            string[] muxers = [YamuxSession.ProtocolId];
            await MultistreamSelect.HandleAsync(new NoiseChannelStream(channel), p => p == YamuxSession.ProtocolId, () => muxers, ct).ConfigureAwait(false);
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var session = new YamuxSession(channel, isClient: false, options);
        session.Start();
        return session;
    }
}
