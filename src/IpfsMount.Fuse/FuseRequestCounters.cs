// Requests received per FUSE opcode: shows how many kernel round trips a command such as `ls -l` costs.
namespace IpfsMount.Fuse;

public sealed class FuseRequestCounters
{
    private readonly long[] counts = new long[Enum.GetValues<FuseOperation>().Length];

    public long this[FuseOperation operation] => Interlocked.Read(ref counts[(int)operation]);

    public long Total
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < counts.Length; i++) sum += Interlocked.Read(ref counts[i]);
            return sum;
        }
    }

    /// <summary>The counts now, by opcode (only those seen).</summary>
    public IReadOnlyDictionary<FuseOperation, long> Snapshot()
    {
        var result = new Dictionary<FuseOperation, long>();
        foreach (var operation in Enum.GetValues<FuseOperation>())
        {
            if (this[operation] is var n and > 0) result[operation] = n;
        }
        return result;
    }

    internal void Count(FuseOperation operation) => Interlocked.Increment(ref counts[(int)operation]);
}
