// FuseErrorLog: EIO/ENOMEM failures become log lines, other errnos do not, and a burst is cut to a count.
using IpfsMount.Vfs;

namespace IpfsMount.Fuse.Tests;

public sealed class FuseErrorLogTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Only_unexpected_failures_are_written_with_the_operation_and_the_cause()
    {
        var writer = new StringWriter();
        var log = new FuseErrorLog(writer, new ManualClock());
        log.Failed("Lookup", new VfsException(VfsError.NotFound, "no such name"), Errno.ENOENT);
        log.Failed("Read", new AggregateException(new InvalidOperationException("block 42 is corrupt")), Errno.EIO);
        log.Failed("Write", new OutOfMemoryException(), Errno.ENOMEM);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("Read failed (EIO): InvalidOperationException: block 42 is corrupt", lines[0]);
        Assert.Contains("Write failed (ENOMEM): OutOfMemoryException", lines[1]);
    }

    [Fact]
    public void A_burst_is_cut_and_the_next_window_says_how_many_were_left_out()
    {
        var writer = new StringWriter();
        var clock = new ManualClock();
        var log = new FuseErrorLog(writer, clock);
        for (var i = 0; i < FuseErrorLog.BurstLines + 7; i++) log.Failed("Read", new IOException($"failure {i}"), Errno.EIO);
        Assert.Equal(FuseErrorLog.BurstLines, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        clock.Now += FuseErrorLog.Window;
        log.Failed("Read", new IOException("later"), Errno.EIO);
        var last = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.EndsWith("IOException: later (7 more failures not shown)", last);
    }
}
