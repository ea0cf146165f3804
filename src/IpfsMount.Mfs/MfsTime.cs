// A UnixFS mtime (UnixFS spec "mtime"): seconds since the Unix epoch and optional nanoseconds.
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
}
