// Random-access reads of a UnixFS file DAG (ipfs/specs UNIXFS.md "File"): a read descends only into the links whose
// byte ranges (from blocksizes) overlap it, fetches those children concurrently, and reads ahead on sequential access.
using System.Collections.Concurrent;
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// Reads byte ranges of one file. Safe for concurrent readers. Interior nodes are cached (they are few: one per
/// ~174 leaves); when reads are sequential, the next leaves are fetched in the background before they are asked for.
/// </summary>
public sealed class UnixFsFileReader : IDisposable
{
    private const int MaxCachedInteriorNodes = 256;

    private readonly UnixFsResolver _resolver;
    private readonly UnixFsNode _root;
    private readonly int _readAheadLeaves;
    private readonly ConcurrentDictionary<Cid, UnixFsNode> _interior = new();
    private readonly ConcurrentDictionary<Cid, Task<BlockLease>> _prefetch = new();
    private readonly object _lastLeafLock = new();
    private (Cid Cid, BlockLease Lease)? _lastLeaf;
    private bool _disposed;
    private long _sequentialEnd = -1;

    internal UnixFsFileReader(UnixFsResolver resolver, UnixFsNode root, int readAheadLeaves)
    {
        _resolver = resolver;
        _root = root;
        _readAheadLeaves = Math.Max(0, readAheadLeaves);
    }

    public long Length => _root.Size;

    public Cid Cid => _root.Cid;

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns 0 at or past the end.</summary>
    /// <exception cref="InvalidUnixFsException">The DAG's sizes disagree with its blocks.</exception>
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length || buffer.IsEmpty) return 0;
        int count = (int)Math.Min(buffer.Length, Length - offset);
        await ReadNodeAsync(_root, 0, offset, buffer[..count], ct).ConfigureAwait(false);

        long end = offset + count;
        bool sequential = Interlocked.Exchange(ref _sequentialEnd, end) == offset;
        if (sequential && _readAheadLeaves > 0 && end < Length) StartReadAhead(end);
        return count;
    }

    /// <summary>Fills <paramref name="dest"/> with the file bytes [from, from + dest.Length) found under <paramref name="node"/>.</summary>
    private async ValueTask ReadNodeAsync(UnixFsNode node, long nodeStart, long from, Memory<byte> dest, CancellationToken ct)
    {
        if (node.Kind == UnixFsNodeKind.Raw)
        {
            CopyOverlap(node.RawBlock, nodeStart, from, dest);
            return;
        }
        var data = node.Data!;
        CopyOverlap(data.Data, nodeStart, from, dest);
        long to = from + dest.Length;
        long childStart = nodeStart + data.Data.Length;
        var pending = new List<Task>();
        var links = node.Pb!.Links;
        for (int i = 0; i < links.Count && childStart < to; i++)
        {
            long size = (long)data.BlockSizes[i];
            long childEnd = childStart + size;
            if (childEnd > from && size > 0)
            {
                long s = Math.Max(from, childStart);
                long e = Math.Min(to, childEnd);
                var slice = dest.Slice((int)(s - from), (int)(e - s));
                pending.Add(ReadChildAsync(links[i].Hash, childStart, size, s, slice, ct).AsTask());
            }
            childStart = childEnd;
        }
        if (pending.Count == 1) await pending[0].ConfigureAwait(false);
        else if (pending.Count > 1) await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async ValueTask ReadChildAsync(Cid cid, long childStart, long expectedSize, long from, Memory<byte> dest, CancellationToken ct)
    {
        if (_interior.TryGetValue(cid, out var interior))
        {
            await ReadNodeAsync(Checked(interior, cid, expectedSize), childStart, from, dest, ct).ConfigureAwait(false);
            return;
        }

        using var lease = await RentChildAsync(cid, ct).ConfigureAwait(false);
        var child = Checked(UnixFsNode.Decode(cid, lease.Data), cid, expectedSize);
        if (child.Pb is { Links.Count: > 0 })
        {
            // An interior node outlives this read (it is cached), so it must not point into a pooled buffer.
            if (lease.IsPooled) child = UnixFsNode.Decode(cid, lease.Data.ToArray());
            if (_interior.Count < MaxCachedInteriorNodes) _interior.TryAdd(cid, child);
            await ReadNodeAsync(child, childStart, from, dest, ct).ConfigureAwait(false);
            return;
        }

        // A leaf: copied out synchronously (no links), then kept if this read stopped inside it.
        await ReadNodeAsync(child, childStart, from, dest, ct).ConfigureAwait(false);
        if (from + dest.Length < childStart + expectedSize) KeepLastLeaf(cid, lease);
    }

    private UnixFsNode Checked(UnixFsNode child, Cid cid, long expectedSize)
    {
        if (child.Kind is not (UnixFsNodeKind.File or UnixFsNodeKind.Raw))
            throw new InvalidUnixFsException($"file {_root.Cid} links to {cid}, which is a {child.Kind}, not file data");
        if (child.Size != expectedSize)
            throw new InvalidUnixFsException($"file {_root.Cid}: block {cid} holds {child.Size} bytes but its parent's blocksizes say {expectedSize}");
        return child;
    }

    /// <summary>The child's block: the leaf kept from the last read, a prefetched block, or a fresh read.</summary>
    private async ValueTask<BlockLease> RentChildAsync(Cid cid, CancellationToken ct)
    {
        lock (_lastLeafLock)
        {
            if (_lastLeaf is { } last && last.Cid == cid) return last.Lease.Share();
        }
        return _prefetch.TryRemove(cid, out var prefetched)
            ? await prefetched.WaitAsync(ct).ConfigureAwait(false)
            : await _resolver.RentBlockAsync(cid, ct).ConfigureAwait(false);
    }

    /// <summary>Keeps <paramref name="lease"/> for the next read (small reads inside one leaf then read it once).</summary>
    private void KeepLastLeaf(Cid cid, BlockLease lease)
    {
        BlockLease? old;
        lock (_lastLeafLock)
        {
            if (_disposed || _lastLeaf?.Cid == cid) return;
            old = _lastLeaf?.Lease;
            _lastLeaf = (cid, lease.Share());
        }
        old?.Dispose();
    }

    /// <summary>Gives back the kept leaf and the unread prefetched blocks; reads after this still work.</summary>
    public void Dispose()
    {
        BlockLease? old;
        lock (_lastLeafLock)
        {
            _disposed = true;
            old = _lastLeaf?.Lease;
            _lastLeaf = null;
        }
        old?.Dispose();
        DropPrefetched();
    }

    private static void CopyOverlap(ReadOnlyMemory<byte> data, long dataStart, long from, Memory<byte> dest)
    {
        long s = Math.Max(from, dataStart);
        long e = Math.Min(from + dest.Length, dataStart + data.Length);
        if (e <= s) return;
        data.Span.Slice((int)(s - dataStart), (int)(e - s)).CopyTo(dest.Span[(int)(s - from)..]);
    }

    /// <summary>Starts fetching the leaves that follow <paramref name="position"/> (only through cached interior nodes).</summary>
    private void StartReadAhead(long position)
    {
        if (Volatile.Read(ref _disposed)) return;
        var wanted = new List<Cid>(_readAheadLeaves);
        CollectLeaves(_root, 0, position, wanted);
        if (_prefetch.Count >= 2 * _readAheadLeaves) DropPrefetched(); // unread prefetches: the pattern changed
        foreach (var cid in wanted)
        {
            if (_interior.ContainsKey(cid) || _prefetch.ContainsKey(cid)) continue;
            // Off the caller's thread: the reply to the read that triggered this does not wait for blocks it does not
            // need, and the blocks are hashed on all cores at once.
            var task = Task.Run(() => _resolver.RentBlockAsync(cid, CancellationToken.None).AsTask());
            _ = task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            if (!_prefetch.TryAdd(cid, task)) GiveBack(task);
        }
    }

    private void DropPrefetched()
    {
        foreach (var cid in _prefetch.Keys)
        {
            if (_prefetch.TryRemove(cid, out var task)) GiveBack(task);
        }
    }

    /// <summary>Disposes the lease of a prefetch nobody will read (once it arrives); observes its failure.</summary>
    private static void GiveBack(Task<BlockLease> task) =>
        task.ContinueWith(static t =>
        {
            if (t.IsCompletedSuccessfully) t.Result.Dispose();
            else _ = t.Exception;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void CollectLeaves(UnixFsNode node, long nodeStart, long position, List<Cid> wanted)
    {
        if (node.Pb is null) return;
        var data = node.Data!;
        long childStart = nodeStart + data.Data.Length;
        var links = node.Pb.Links;
        for (int i = 0; i < links.Count && wanted.Count < _readAheadLeaves; i++)
        {
            long size = (long)data.BlockSizes[i];
            long childEnd = childStart + size;
            if (childEnd > position && size > 0)
            {
                if (_interior.TryGetValue(links[i].Hash, out var interior)) CollectLeaves(interior, childStart, position, wanted);
                else if (childStart >= position) wanted.Add(links[i].Hash);
            }
            childStart = childEnd;
        }
    }
}
