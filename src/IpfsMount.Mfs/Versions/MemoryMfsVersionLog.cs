// An in-memory IMfsVersionLog for tests and throw-away trees.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed class MemoryMfsVersionLog : IMfsVersionLog
{
    private readonly List<MfsVersion> _versions = [];
    private readonly Lock _lock = new();
    private long _next = 1;

    public ValueTask<MfsVersion?> LatestAsync(CancellationToken ct = default)
    {
        lock (_lock) return ValueTask.FromResult(_versions.Count == 0 ? null : _versions[^1]);
    }

    public ValueTask<MfsVersion?> GetAsync(long number, CancellationToken ct = default)
    {
        lock (_lock) return ValueTask.FromResult(_versions.Find(v => v.Number == number));
    }

    public ValueTask<MfsVersion> AppendAsync(Cid root, DateTimeOffset time, string? message, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var v = new MfsVersion(_next++, root, time, message);
            _versions.Add(v);
            return ValueTask.FromResult(v);
        }
    }

    public async IAsyncEnumerable<MfsVersion> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        MfsVersion[] copy;
        lock (_lock) copy = [.. _versions];
        foreach (var v in copy)
        {
            ct.ThrowIfCancellationRequested();
            yield return v;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<MfsVersion> ListNewestFirstAsync(int? count, [EnumeratorCancellation] CancellationToken ct = default)
    {
        MfsVersion[] copy;
        lock (_lock) copy = [.. _versions];
        int stop = count is { } n ? Math.Max(0, copy.Length - n) : 0;
        for (int i = copy.Length - 1; i >= stop; i--)
        {
            ct.ThrowIfCancellationRequested();
            yield return copy[i];
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The last flushed root (commit or working state).</summary>
    public Cid? WorkingRoot { get; private set; }

    public ValueTask SetWorkingRootAsync(Cid root, CancellationToken ct = default)
    {
        lock (_lock) WorkingRoot = root;
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> PruneAsync(MfsPruneRule rule, CancellationToken ct = default)
    {
        rule.Validate();
        lock (_lock)
        {
            if (_versions.Count == 0) return ValueTask.FromResult(0);
            long newest = _versions[^1].Number;
            return ValueTask.FromResult(_versions.RemoveAll(v => rule.Drops(v, newest)));
        }
    }
}
