// Random-access reads of a UnixFS file DAG (ipfs/specs UNIXFS.md "File"): a read descends only into the links whose
// byte ranges (from blocksizes) overlap it, fetches those children concurrently, and reads ahead on sequential access.
using System.Collections.Concurrent;
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// Reads byte ranges of one file. Safe for concurrent readers. Interior nodes are cached (they are few: one per
/// ~174 leaves); when reads are sequential, the next leaves are fetched in the background before they are asked for.
/// </summary>
public sealed class UnixFsFileReader
{
    private const int MaxCachedInteriorNodes = 256;

    private readonly UnixFsResolver _resolver;
    private readonly UnixFsNode _root;
    private readonly int _readAheadLeaves;
    private readonly ConcurrentDictionary<Cid, UnixFsNode> _interior = new();
    private readonly ConcurrentDictionary<Cid, Task<ReadOnlyMemory<byte>>> _prefetch = new();
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
        var child = await GetChildAsync(cid, ct).ConfigureAwait(false);
        if (child.Kind is not (UnixFsNodeKind.File or UnixFsNodeKind.Raw))
            throw new InvalidUnixFsException($"file {_root.Cid} links to {cid}, which is a {child.Kind}, not file data");
        if (child.Size != expectedSize)
            throw new InvalidUnixFsException($"file {_root.Cid}: block {cid} holds {child.Size} bytes but its parent's blocksizes say {expectedSize}");
        await ReadNodeAsync(child, childStart, from, dest, ct).ConfigureAwait(false);
    }

    private async ValueTask<UnixFsNode> GetChildAsync(Cid cid, CancellationToken ct)
    {
        if (_interior.TryGetValue(cid, out var cached)) return cached;
        ReadOnlyMemory<byte> block = _prefetch.TryRemove(cid, out var prefetched)
            ? await prefetched.WaitAsync(ct).ConfigureAwait(false)
            : await _resolver.GetBlockAsync(cid, ct).ConfigureAwait(false);
        var node = UnixFsNode.Decode(cid, block);
        if (node.Pb is { Links.Count: > 0 } && _interior.Count < MaxCachedInteriorNodes) _interior.TryAdd(cid, node);
        return node;
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
        var wanted = new List<Cid>(_readAheadLeaves);
        CollectLeaves(_root, 0, position, wanted);
        if (_prefetch.Count >= 2 * _readAheadLeaves) _prefetch.Clear(); // unread prefetches: the pattern changed
        foreach (var cid in wanted)
        {
            if (_interior.ContainsKey(cid) || _prefetch.ContainsKey(cid)) continue;
            var task = _resolver.GetBlockAsync(cid, CancellationToken.None).AsTask();
            _ = task.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            _prefetch.TryAdd(cid, task);
        }
    }

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
