// Writes the failures that reach a FUSE reply as EIO or ENOMEM (missing or corrupt blocks, timeouts, bugs) to the
// mount's log, so an "Input/output error" in a shell has a cause to look up; a burst is cut to a count.
namespace IpfsMount.Fuse;

/// <summary>One line per failure (operation, exception type, message), at most <see cref="BurstLines"/> lines per
/// <see cref="Window"/>; the lines left out are counted in the next line written.</summary>
internal sealed class FuseErrorLog(TextWriter writer, TimeProvider? clock = null)
{
    internal const int BurstLines = 20;
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly object _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _written;
    private long _suppressed;

    /// <summary>Records <paramref name="error"/> when it became <paramref name="errno"/> EIO or ENOMEM.</summary>
    public void Failed(string operation, Exception error, int errno)
    {
        if (errno is not (Errno.EIO or Errno.ENOMEM)) return;
        string line;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                _written = 0;
            }
            if (_written++ >= BurstLines)
            {
                _suppressed++;
                return;
            }
            var dropped = _suppressed > 0 ? $" ({_suppressed} more failures not shown)" : "";
            _suppressed = 0;
            var cause = error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : error;
            line = $"{now:u} {operation} failed ({(errno == Errno.EIO ? "EIO" : "ENOMEM")}): {cause.GetType().Name}: {cause.Message}{dropped}";
        }
        try
        {
            writer.WriteLine(line);
            writer.Flush();
        }
        catch (ObjectDisposedException)
        {
            // the log is closed while the mount shuts down
        }
    }
}
