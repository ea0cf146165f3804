// The UnixFS v1 `UnixTime` message (ipfs/specs UNIXFS.md "mtime"): seconds since the epoch plus optional nanoseconds.
namespace IpfsMount.UnixFs;

/// <summary>
/// A modification time as UnixFS stores it. <see cref="FractionalNanoseconds"/> is null when the field is absent
/// on the wire (Kubo and ipfs-unixfs leave it out unless it is set); when present it must be 1..999,999,999 per the
/// spec, but 0 is accepted on decode because ipfs-unixfs writes an explicit 0 when asked to.
/// </summary>
public readonly record struct UnixFsTime(long Seconds, uint? FractionalNanoseconds = null)
{
    /// <summary>The time as a <see cref="DateTimeOffset"/> (UTC), truncated to 100 ns ticks.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.FromUnixTimeSeconds(Seconds).AddTicks((FractionalNanoseconds ?? 0) / 100);

    /// <summary>The UnixFS form of a file-system time; nanoseconds are omitted when they are zero (Kubo style).</summary>
    public static UnixFsTime FromDateTime(DateTime utc)
    {
        var offset = new DateTimeOffset(utc.ToUniversalTime(), TimeSpan.Zero);
        long seconds = offset.ToUnixTimeSeconds();
        long ticks = offset.UtcTicks - DateTimeOffset.FromUnixTimeSeconds(seconds).UtcTicks;
        uint nanos = (uint)(ticks * 100);
        return new UnixFsTime(seconds, nanos == 0 ? null : nanos);
    }
}
