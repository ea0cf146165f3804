// The contents of one MFS file as fixed-size leaves over a balanced DAG (UnixFS spec "File", Kubo balanced
// layout). Writes patch leaf buffers; a leaf written up to its end is hashed and stored in the background while
// writes go on (LeafWriteQueue); Flush encodes the remaining dirty leaves and the internal nodes above them.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

internal sealed partial class FileContent
{
    private readonly DagBlocks _blocks;
    private readonly int _chunk;
    private readonly int _fanout;
    private readonly List<Leaf> _leaves = [];
    private readonly SortedSet<int> _dirty = [];
    private readonly Queue<(int Index, Task<EncodedBlock> Task)> _sealed = new();
    private readonly Dictionary<(int Level, long Index), CachedNode> _nodes = [];
    private Cid? _source;
    private long _sourceLength;
    private bool _loaded;
    private readonly Cid? _loadFrom; // the DAG the content was opened on (kept when a metadata change clears _root)
    private Cid? _root;
    private ulong _rootTsize;
    private int _rootLinks;
    private int _cachedIndex = -1;
    private ReadOnlyMemory<byte> _cachedBytes;
    private IDisposable? _lease; // GC lease from the first leaf stored in the background until a flush references it

    /// <param name="rootLinks">links of the root block (`stat`'s ChildBlocks of a file not changed since loaded).</param>
    public FileContent(DagBlocks blocks, Cid? root, ulong rootTsize, long length, int rootLinks = 0)
    {
        _rootLinks = rootLinks;
        _blocks = blocks;
        _chunk = blocks.Layout.ChunkSize;
        _fanout = blocks.Layout.MaxLinks;
        _root = root;
        _rootTsize = rootTsize;
        Length = length;
        _loaded = root is null;
        _loadFrom = root;
    }

    public MfsLayout Layout => _blocks.Layout;

    public long Length { get; private set; }
    public uint? Mode { get; private set; }
    public MfsTime? Mtime { get; private set; }
    public bool IsDirty => _root is null;

    private uint? EffectiveMode => DagBlocks.OmitDefault(Mode, DagBlocks.DefaultFileMode);

    /// <summary>Number of blocks written by flushes of this file (tests check incremental writes).</summary>
    public int BlocksWritten { get; private set; }

    public void SetMetadata(uint? mode, MfsTime? mtime)
    {
        Mode = mode;
        Mtime = mtime;
    }

    public void SetMode(uint mode) { Mode = mode; _root = null; }

    public void SetMtime(MfsTime mtime) { Mtime = mtime; _root = null; }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> dest, CancellationToken ct)
    {
        if (offset < 0) throw new MfsException(MfsErrorKind.InvalidArgument, "read offset is negative");
        if (offset >= Length || dest.IsEmpty) return 0;
        await EnsureLoadedAsync(ct).ConfigureAwait(false);
        Harvest();
        int total = (int)Math.Min(dest.Length, Length - offset);
        int done = 0;
        while (done < total)
        {
            long pos = offset + done;
            int i = (int)(pos / _chunk);
            int inLeaf = (int)(pos % _chunk);
            int n = Math.Min(total - done, LeafSize(i) - inLeaf);
            var leaf = await LeafBytesAsync(i, ct).ConfigureAwait(false);
            var target = dest.Span.Slice(done, n);
            int have = Math.Clamp(leaf.Length - inLeaf, 0, n);
            if (have > 0) leaf.Span.Slice(inLeaf, have).CopyTo(target);
            target[have..].Clear();
            done += n;
        }
        return total;
    }

    public async ValueTask WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (offset < 0) throw new MfsException(MfsErrorKind.InvalidArgument, "write offset is negative");
        if (data.IsEmpty) return;
        await EnsureLoadedAsync(ct).ConfigureAwait(false);
        Harvest();
        long end = offset + data.Length;
        if (end > Length) await ResizeAsync(end, ct).ConfigureAwait(false);
        int done = 0;
        while (done < data.Length)
        {
            var (i, inLeaf, n) = LeafPart(offset + done, end);
            var buffer = CanMaterializeNow(i) ? MaterializeNow(i, whole: n == _chunk)
                : await MaterializeAsync(i, whole: n == _chunk, ct).ConfigureAwait(false);
            data.Span.Slice(done, n).CopyTo(buffer.AsSpan(DagBlocks.LeafOffset + inLeaf));
            MarkDirty(i);
            if (inLeaf + n == _chunk)
            {
                _lease ??= await _blocks.EnterLeaseAsync(ct).ConfigureAwait(false) ?? NoLease.Instance;
                await _blocks.Queue.WaitRoomAsync(_chunk, ct).ConfigureAwait(false);
                Seal(i, buffer);
            }
            done += n;
        }
    }

    /// <summary>
    /// The write of <see cref="WriteAsync"/> when it can be done at once, without I/O or waiting: every leaf it
    /// touches is in memory, a hole or overwritten whole, and the leaves it completes fit in the background budget.
    /// Returns false without changing anything otherwise (the caller then copies the bytes and awaits WriteAsync):
    /// the FUSE write callback copies the kernel's buffer straight into the leaf buffers this way.
    /// </summary>
    public bool TryWrite(long offset, ReadOnlySpan<byte> data)
    {
        if (!_loaded || offset < 0 || data.IsEmpty) return false;
        Harvest();
        long end = offset + data.Length;
        if (end > Length && _leaves.Count > 0 && LeafSize(_leaves.Count - 1) < _chunk && !CanMaterializeNow(_leaves.Count - 1)) return false;
        int seals = 0;
        for (long pos = offset; pos < end;)
        {
            var (i, inLeaf, n) = LeafPart(pos, end);
            if (i < _leaves.Count && n != _chunk && !CanMaterializeNow(i)) return false;
            if (inLeaf + n == _chunk) seals++;
            pos += n;
        }
        if (seals > 0 && (_lease is null || !_blocks.Queue.TryReserve(seals * _chunk))) return false;
        if (end > Length) Grow(end);
        int done = 0;
        while (done < data.Length)
        {
            var (i, inLeaf, n) = LeafPart(offset + done, end);
            var buffer = MaterializeNow(i, whole: n == _chunk);
            data.Slice(done, n).CopyTo(buffer.AsSpan(DagBlocks.LeafOffset + inLeaf));
            MarkDirty(i);
            if (inLeaf + n == _chunk) Seal(i, buffer);
            done += n;
        }
        return true;
    }

    /// <summary>The part of [<paramref name="pos"/>, <paramref name="end"/>) inside one leaf: the leaf's index, the
    /// offset in it and the byte count (up to the leaf's end).</summary>
    private (int Leaf, int InLeaf, int Count) LeafPart(long pos, long end)
    {
        int inLeaf = (int)(pos % _chunk);
        return ((int)(pos / _chunk), inLeaf, (int)Math.Min(end - pos, _chunk - inLeaf));
    }

    public async ValueTask TruncateAsync(long length, CancellationToken ct)
    {
        if (length < 0) throw new MfsException(MfsErrorKind.InvalidArgument, "truncate length is negative");
        if (length == Length) return;
        await EnsureLoadedAsync(ct).ConfigureAwait(false);
        Harvest();
        await ResizeAsync(length, ct).ConfigureAwait(false);
    }

    /// <summary>Encodes dirty leaves and the internal nodes above them; returns the file's root block.</summary>
    public async ValueTask<(Cid Cid, ulong Tsize, int Links)> FlushAsync(CancellationToken ct)
    {
        if (_root is { } clean) return (clean, _rootTsize, _rootLinks);
        await EnsureLoadedAsync(ct).ConfigureAwait(false); // a chmod/touch of a never-read file must keep its bytes
        await SettleSealedAsync().ConfigureAwait(false);
        await EncodeDirtyLeavesAsync(ct).ConfigureAwait(false);
        _source = null;
        EncodedBlock root;
        bool put = true;
        _rootLinks = 0;
        if (_leaves.Count == 0) root = _blocks.EmptyFile(EffectiveMode, Mtime);
        else if (_leaves.Count == 1 && EffectiveMode is null && Mtime is null)
        {
            root = new EncodedBlock(_leaves[0].Cid!.Value, default, _leaves[0].Tsize);
            put = false;
        }
        else if (_leaves.Count == 1)
        {
            var bytes = await LeafBytesAsync(0, ct).ConfigureAwait(false);
            root = _blocks.SingleNodeFile(bytes.Span[..Math.Min(bytes.Length, LeafSize(0))], Mode, Mtime);
        }
        else
        {
            int height = Height();
            root = await BuildNodeAsync(height, 0, isRoot: true, ct).ConfigureAwait(false);
            _rootLinks = ChildCount(height, 0);
        }
        if (put)
        {
            await _blocks.PutAsync(root, ct).ConfigureAwait(false);
            BlocksWritten++;
        }
        _root = root.Cid;
        _rootTsize = root.Tsize;
        ReleaseLease(); // the caller (the tree's flush) holds its own lease until the working root references the blocks
        return (root.Cid, root.Tsize, _rootLinks);
    }

    /// <summary>The file left the tree (unlinked, last handle closed): nothing will reference what the background
    /// stored for it, so it no longer holds GC back.</summary>
    public void Abandon() => ReleaseLease();

    /// <summary>
    /// Hands a leaf written up to its end to the background (room already reserved, lease held): it is hashed and
    /// stored while writes go on; until that is done (<see cref="Harvest"/>) reads use its buffer, and a later write
    /// to it copies the buffer first.
    /// </summary>
    private void Seal(int i, byte[] buffer)
    {
        var task = _blocks.Queue.Start(_blocks, buffer, _chunk);
        _leaves[i] = _leaves[i] with { Sealed = task };
        _sealed.Enqueue((i, task));
    }

    /// <summary>Turns leaves whose background store finished into clean leaves (their buffers are let go).</summary>
    private void Harvest()
    {
        while (_sealed.TryPeek(out var head) && head.Task.IsCompleted)
        {
            _sealed.Dequeue();
            Settle(head.Index, head.Task);
        }
    }

    /// <summary>Waits for every leaf in the background; a failed one stays dirty (the flush retries and reports it).</summary>
    private async ValueTask SettleSealedAsync()
    {
        while (_sealed.TryDequeue(out var next))
        {
            try { await next.Task.ConfigureAwait(false); }
            catch (Exception) { /* settled below as dirty; EncodeDirtyLeavesAsync stores it again and throws if it still fails */ }
            Settle(next.Index, next.Task);
        }
    }

    private void Settle(int i, Task<EncodedBlock> task)
    {
        if (i >= _leaves.Count || !ReferenceEquals(_leaves[i].Sealed, task)) return; // rewritten or truncated meanwhile
        if (task.IsCompletedSuccessfully)
        {
            var block = task.Result;
            _leaves[i] = new Leaf(block.Cid, block.Tsize, null, null);
            _dirty.Remove(i);
            if (_cachedIndex == i) _cachedIndex = -1;
            if (!block.Cid.Equals(_blocks.ZeroLeaf.Cid)) BlocksWritten++;
        }
        else _leaves[i] = _leaves[i] with { Sealed = null };
    }

    private void ReleaseLease()
    {
        _lease?.Dispose();
        _lease = null;
    }

    /// <summary>
    /// Encodes the dirty leaves a batch at a time: hashed in parallel (the CPU part of a flush), then stored in order.
    /// A leaf with a buffer is encoded around its bytes in place; full leaves of zeros reuse one cached block.
    /// </summary>
    private async ValueTask EncodeDirtyLeavesAsync(CancellationToken ct)
    {
        const int batchSize = 32;
        var order = _dirty.ToArray();
        var buffers = new byte[]?[Math.Min(batchSize, order.Length)];
        var contents = new ReadOnlyMemory<byte>[buffers.Length];
        var encoded = new EncodedBlock[buffers.Length];
        for (int first = 0; first < order.Length; first += batchSize)
        {
            int n = Math.Min(batchSize, order.Length - first);
            var indices = order.AsMemory(first, n);
            for (int k = 0; k < n; k++)
            {
                int i = indices.Span[k];
                buffers[k] = _leaves[i].Buffer;
                if (buffers[k] is null) contents[k] = await LeafContentAsync(i, ct).ConfigureAwait(false);
            }
            Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, k => encoded[k] = buffers[k] is { } b
                ? _blocks.LeafInPlace(b, LeafSize(indices.Span[k]))
                : EncodeLeaf(contents[k]));
            for (int k = 0; k < n; k++)
            {
                int i = indices.Span[k];
                var block = encoded[k];
                await _blocks.PutAsync(block, ct).ConfigureAwait(false); // the zero leaf too: GC may have dropped it
                if (!block.Cid.Equals(_blocks.ZeroLeaf.Cid)) BlocksWritten++;
                _leaves[i] = new Leaf(block.Cid, block.Tsize, null, null);
                if (_cachedIndex == i) _cachedIndex = -1;
                (buffers[k], contents[k], encoded[k]) = (null, default, default);
            }
        }
        _dirty.Clear();
    }

    /// <summary>The bytes of dirty leaf <paramref name="i"/> without a buffer, at its full size (padded with zeros).</summary>
    private async ValueTask<ReadOnlyMemory<byte>> LeafContentAsync(int i, CancellationToken ct)
    {
        int size = LeafSize(i);
        var leaf = _leaves[i];
        if (leaf.Cid is null && _source is null) return new byte[size];
        var bytes = await LeafBytesAsync(i, ct).ConfigureAwait(false);
        if (bytes.Length >= size) return bytes[..size];
        var padded = new byte[size];
        bytes.Span.CopyTo(padded);
        return padded;
    }

    /// <summary>The leaf's block (a copy of <paramref name="content"/>); a full leaf of zeros is the cached zero leaf.</summary>
    private EncodedBlock EncodeLeaf(ReadOnlyMemory<byte> content) =>
        content.Length == _chunk && !content.Span.ContainsAnyExcept((byte)0) ? _blocks.ZeroLeaf : _blocks.Leaf(content.Span);

    private int LeafSize(int i) => (int)Math.Min(_chunk, Length - (long)i * _chunk);

    private void MarkDirty(int i)
    {
        _root = null;
        _dirty.Add(i);
        if (_cachedIndex == i) _cachedIndex = -1;
        if (_nodes.Count == 0) return;
        for (int level = 1; level < 12; level++)
            _nodes.Remove((level, i / Capacity(level)));
    }

    private async ValueTask ResizeAsync(long length, CancellationToken ct)
    {
        int oldCount = _leaves.Count;
        int newCount = (int)((length + _chunk - 1) / _chunk);
        if (length > Length)
        {
            if (oldCount > 0 && LeafSize(oldCount - 1) < _chunk && !CanMaterializeNow(oldCount - 1))
                await MaterializeAsync(oldCount - 1, whole: false, ct).ConfigureAwait(false);
            Grow(length);
        }
        else
        {
            int keepInLast = (int)(length % _chunk);
            if (keepInLast != 0)
            {
                var buffer = await MaterializeAsync(newCount - 1, whole: false, ct).ConfigureAwait(false);
                buffer.AsSpan(DagBlocks.LeafOffset + keepInLast, _chunk - keepInLast).Clear();
                MarkDirty(newCount - 1);
            }
            for (int i = newCount; i < oldCount; i++) _dirty.Remove(i);
            _leaves.RemoveRange(newCount, oldCount - newCount);
            foreach (var key in _nodes.Keys.ToList())
                if (key.Index * Capacity(key.Level) >= newCount) _nodes.Remove(key);
            Length = length;
            _root = null;
        }
    }

    /// <summary>Extends the file to <paramref name="length"/> with zeros (a partial last leaf is in memory or a hole).</summary>
    private void Grow(long length)
    {
        int oldCount = _leaves.Count;
        if (oldCount > 0 && LeafSize(oldCount - 1) is var oldSize && oldSize < _chunk)
        {
            var buffer = MaterializeNow(oldCount - 1, whole: false);
            buffer.AsSpan(DagBlocks.LeafOffset + oldSize, _chunk - oldSize).Clear(); // past the old end reads as zeros
            MarkDirty(oldCount - 1);
        }
        int newCount = (int)((length + _chunk - 1) / _chunk);
        for (int i = oldCount; i < newCount; i++)
        {
            _leaves.Add(default);
            MarkDirty(i);
        }
        Length = length;
    }

    /// <summary>True when leaf <paramref name="i"/> can be made writable without I/O: it has a buffer (a copy is
    /// made of one in the background) or is a hole.</summary>
    private bool CanMaterializeNow(int i)
    {
        var leaf = _leaves[i];
        return leaf.Buffer is not null || (leaf.Cid is null && (_source is null || (long)i * _chunk >= _sourceLength));
    }

    /// <summary>The writable buffer of a leaf for which <see cref="CanMaterializeNow"/> holds.</summary>
    private byte[] MaterializeNow(int i, bool whole)
    {
        var leaf = _leaves[i];
        if (leaf.Buffer is { } existing && leaf.Sealed is null) return existing;
        var buffer = _blocks.NewLeafBuffer();
        if (!whole)
        {
            var chunk = buffer.AsSpan(DagBlocks.LeafOffset, _chunk);
            if (leaf.Buffer is { } stored) stored.AsSpan(DagBlocks.LeafOffset, _chunk).CopyTo(chunk);
            else chunk.Clear();
        }
        _leaves[i] = new Leaf(leaf.Cid, leaf.Tsize, buffer, null);
        return buffer;
    }

    /// <summary>
    /// A writable buffer for leaf <paramref name="i"/> holding its current bytes (zeros past them). A leaf in the
    /// background is copied first (its buffer belongs to its block now). With <paramref name="whole"/> the caller
    /// overwrites the whole chunk, so a new buffer is neither filled nor cleared.
    /// </summary>
    private async ValueTask<byte[]> MaterializeAsync(int i, bool whole, CancellationToken ct)
    {
        var leaf = _leaves[i];
        if (leaf.Buffer is { } existing && leaf.Sealed is null) return existing;
        var buffer = _blocks.NewLeafBuffer();
        if (!whole)
        {
            var bytes = await LeafBytesAsync(i, ct).ConfigureAwait(false);
            int have = Math.Min(bytes.Length, _chunk);
            bytes.Span[..have].CopyTo(buffer.AsSpan(DagBlocks.LeafOffset));
            buffer.AsSpan(DagBlocks.LeafOffset + have, _chunk - have).Clear();
        }
        _leaves[i] = new Leaf(leaf.Cid, leaf.Tsize, buffer, null);
        return buffer;
    }

    /// <summary>The current bytes of leaf i (may be shorter than the leaf; the rest reads as zeros).</summary>
    private async ValueTask<ReadOnlyMemory<byte>> LeafBytesAsync(int i, CancellationToken ct)
    {
        var leaf = _leaves[i];
        if (leaf.Buffer is { } b) return b.AsMemory(DagBlocks.LeafOffset, _chunk);
        if (_cachedIndex == i) return _cachedBytes;
        ReadOnlyMemory<byte> bytes;
        if (leaf.Cid is { } cid)
            bytes = await ReadLeafBlockAsync(cid, ct).ConfigureAwait(false);
        else if (_source is { } src && (long)i * _chunk < _sourceLength)
        {
            var buffer = new byte[(int)Math.Min(_chunk, _sourceLength - (long)i * _chunk)];
            int n = await DagRangeReader.ReadAsync(_blocks, src, (long)i * _chunk, buffer, ct).ConfigureAwait(false);
            bytes = buffer.AsMemory(0, n);
        }
        else return ReadOnlyMemory<byte>.Empty;
        _cachedIndex = i;
        _cachedBytes = bytes;
        return bytes;
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadLeafBlockAsync(Cid cid, CancellationToken ct)
    {
        var node = await _blocks.GetAsync(cid, ct).ConfigureAwait(false);
        if (node.IsRaw) return node.Bytes;
        if (node.Links.Count == 0) return node.UnixFs!.Data;
        var buffer = new byte[node.FileSize];
        int n = await DagRangeReader.ReadAsync(_blocks, cid, 0, buffer, ct).ConfigureAwait(false);
        return buffer.AsMemory(0, n);
    }

    private async ValueTask EnsureLoadedAsync(CancellationToken ct)
    {
        if (_loaded) return;
        var load = await FileDagLoader.LoadAsync(_blocks, _loadFrom!.Value, ct).ConfigureAwait(false);
        Length = load.Length;
        if (load.Leaves is { } leaves)
        {
            foreach (var (cid, tsize) in leaves) _leaves.Add(new Leaf(cid, tsize, null, null));
            if (load.SingleNodeWithMetadata) _dirty.Add(0); // its block carries mode/mtime: re-encode as a plain leaf

            foreach (var (key, node) in load.Nodes) _nodes[key] = node;
        }
        else
        {
            _source = _loadFrom;
            _sourceLength = load.Length;
            int count = (int)((Length + _chunk - 1) / _chunk);
            for (int i = 0; i < count; i++) { _leaves.Add(default); _dirty.Add(i); }
        }
        _loaded = true;
    }

    /// <summary>A leaf: clean (Cid), dirty (Buffer, chunk at DagBlocks.LeafOffset), or in the background (Buffer and
    /// Sealed: the buffer is read-only, the task stores its block).</summary>
    private readonly record struct Leaf(Cid? Cid, ulong Tsize, byte[]? Buffer, Task<EncodedBlock>? Sealed);

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();
        public void Dispose() { }
    }
}

internal readonly record struct CachedNode(Cid Cid, ulong Tsize, int LeafCount);
