// Fallback implementations of IMfsVersionLog's optional members for logs without an index of their own.
using System.Runtime.CompilerServices;

namespace IpfsMount.Mfs;

internal static class MfsVersionLogDefaults
{
    public static async IAsyncEnumerable<MfsVersion> NewestFirstAsync(IMfsVersionLog log, int? count,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var all = new List<MfsVersion>();
        await foreach (var v in log.ListAsync(ct).ConfigureAwait(false)) all.Add(v);
        int stop = count is { } n ? Math.Max(0, all.Count - n) : 0;
        for (int i = all.Count - 1; i >= stop; i--) yield return all[i];
    }
}
