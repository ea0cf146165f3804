// Limits and timeouts of the Bitswap client and server; defaults keep a hostile peer's memory use bounded.
namespace IpfsMount.Net.Bitswap;

public sealed record BitswapOptions
{
    /// <summary>Largest message we read or write (the spec's 4 MiB).</summary>
    public int MaxMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest block we accept or send (the spec requires support up to 2 MiB).</summary>
    public int MaxBlockSize { get; init; } = 2 * 1024 * 1024;

    /// <summary>Server side: wantlist entries kept per peer; further wants are dropped.</summary>
    public int MaxWantlistEntriesPerPeer { get; init; } = 4096;

    /// <summary>Server side: bytes of blocks queued to one peer before its wants wait.</summary>
    public int MaxPendingBytesPerPeer { get; init; } = 8 * 1024 * 1024;

    /// <summary>Server side: block bytes answered for one peer per round-robin turn (at least one block).</summary>
    public int ServeBytesPerTurn { get; init; } = 1024 * 1024;

    /// <summary>Server side: a WANT_HAVE for a block this small is answered with the block itself.</summary>
    public int MaxSizeReplaceHaveWithBlock { get; init; } = 1024;

    /// <summary>Client side: WANT_BLOCK requests outstanding to one peer at once.</summary>
    public int MaxBlocksInFlightPerPeer { get; init; } = 64;

    /// <summary>Incoming streams read at the same time from one peer; more are closed.</summary>
    public int MaxInboundStreamsPerPeer { get; init; } = 32;

    /// <summary>Client side: a peer that neither sends a requested block nor DONT_HAVE in this time is skipped for it.</summary>
    public TimeSpan PeerResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Client side: how long a fetch waits for any peer before failing with BlockNotFoundException.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Client side: how long a fetch that starts while no peer is connected waits for one (zero: fail at once with
    /// BlockNotFoundException, as a daemon without content routing should rather than hang).
    /// </summary>
    public TimeSpan FetchTimeoutWithoutPeers { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an outgoing stream may sit idle before we close it (Helia drops idle inbound streams after 10 s).</summary>
    public TimeSpan OutboundStreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Timeout for opening a stream and writing one message.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Blocks that do not hash to anything we asked for before a peer is ignored by sessions.</summary>
    public int MaxBadBlocksPerPeer { get; init; } = 1;

    /// <summary>Protocol ids we serve and dial, by preference (tests restrict it to exercise the fallbacks).</summary>
    public IReadOnlyList<string> Protocols { get; init; } = BitswapProtocols.All;

    public static BitswapOptions Default { get; } = new();
}
