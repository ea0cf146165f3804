// Counters a mount exposes for tests and benchmarks (reads served, bytes, open handles, live inodes).
namespace IpfsMount.Vfs;

public sealed class VfsStatistics
{
    private long reads;
    private long bytesRead;
    private long timeouts;
    private long largestRead;
    private long writes;
    private long bytesWritten;
    private long largestWrite;

    public long Reads => Interlocked.Read(ref reads);
    public long BytesRead => Interlocked.Read(ref bytesRead);
    public long Timeouts => Interlocked.Read(ref timeouts);
    public long Writes => Interlocked.Read(ref writes);
    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    /// <summary>The largest single write request served (shows the max_write the kernel negotiated).</summary>
    public long LargestWrite => Interlocked.Read(ref largestWrite);

    /// <summary>The largest single read request served (shows the request size the kernel negotiated).</summary>
    public long LargestRead => Interlocked.Read(ref largestRead);

    internal void CountRead(int bytes)
    {
        Interlocked.Increment(ref reads);
        Interlocked.Add(ref bytesRead, bytes);
        for (var seen = LargestRead; bytes > seen; seen = LargestRead)
        {
            if (Interlocked.CompareExchange(ref largestRead, bytes, seen) == seen) break;
        }
    }

    internal void CountWrite(int bytes)
    {
        Interlocked.Increment(ref writes);
        Interlocked.Add(ref bytesWritten, bytes);
        for (var seen = LargestWrite; bytes > seen; seen = LargestWrite)
        {
            if (Interlocked.CompareExchange(ref largestWrite, bytes, seen) == seen) break;
        }
    }

    internal void CountTimeout() => Interlocked.Increment(ref timeouts);
}
