// Counters a mount exposes for tests and benchmarks (reads served, bytes, open handles, live inodes).
namespace IpfsMount.Vfs;

public sealed class VfsStatistics
{
    private long reads;
    private long bytesRead;
    private long timeouts;
    private long largestRead;

    public long Reads => Interlocked.Read(ref reads);
    public long BytesRead => Interlocked.Read(ref bytesRead);
    public long Timeouts => Interlocked.Read(ref timeouts);

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

    internal void CountTimeout() => Interlocked.Increment(ref timeouts);
}
