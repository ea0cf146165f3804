// A UnixFS mtime (UnixFS spec "mtime"): seconds since the Unix epoch and optional nanoseconds.
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

public readonly record struct MfsTime(long Seconds, uint Nanoseconds)
{
    public static MfsTime FromDateTimeOffset(DateTimeOffset t)
    {
        long ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long secs = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rem);
        if (rem < 0) { secs--; rem += TimeSpan.TicksPerSecond; }
        return new MfsTime(secs, (uint)(rem * 100));
    }

    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddSeconds(Seconds).AddTicks(Nanoseconds / 100);

    /// <summary>The UnixFS wire form; zero nanoseconds are left out, as Kubo and ipfs-unixfs do.</summary>
    internal UnixFsTime ToUnixFs() => new(Seconds, Nanoseconds == 0 ? null : Nanoseconds);

    internal static MfsTime? FromUnixFs(UnixFsTime? t) =>
        t is { } v ? new MfsTime(v.Seconds, v.FractionalNanoseconds ?? 0) : null;
}
