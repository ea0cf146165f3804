// Tunables of a Yamux session: windows (spec initial 256 KiB, grown by auto-tuning), frame and stream limits.
namespace IpfsMount.Net.Yamux;

public sealed record YamuxOptions
{
    /// <summary>The spec's initial window; both sides start from it.</summary>
    public const int InitialWindow = 256 * 1024;

    /// <summary>Largest receive window one stream may grow to through auto-tuning.</summary>
    public int MaxStreamWindow { get; init; } = 8 * 1024 * 1024;

    /// <summary>Cap on the sum of receive windows over all streams of a session (bounds buffering).</summary>
    public long MaxSessionWindow { get; init; } = 64L * 1024 * 1024;

    /// <summary>When half a window is consumed faster than this, the window doubles.</summary>
    public TimeSpan WindowGrowthInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest data frame we send.</summary>
    public int MaxFrameSize { get; init; } = 256 * 1024;

    /// <summary>Inbound streams open at once; beyond it new ones are reset.</summary>
    public int MaxInboundStreams { get; init; } = 2048;

    public static YamuxOptions Default { get; } = new();
}
