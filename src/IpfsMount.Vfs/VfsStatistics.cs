// Counters a mount exposes for tests and benchmarks (reads served, bytes, open handles, live inodes).
namespace IpfsMount.Vfs;

public sealed class VfsStatistics
{
    private long reads;
    private long bytesRead;
    private long timeouts;

    public long Reads => Interlocked.Read(ref reads);
    public long BytesRead => Interlocked.Read(ref bytesRead);
    public long Timeouts => Interlocked.Read(ref timeouts);

    internal void CountRead(int bytes)
    {
        Interlocked.Increment(ref reads);
        Interlocked.Add(ref bytesRead, bytes);
    }

    internal void CountTimeout() => Interlocked.Increment(ref timeouts);
}
