// The contents of one MFS file as fixed-size leaves over a balanced DAG (UnixFS spec "File", Kubo balanced
// layout). Writes patch leaves in memory; Flush re-encodes only dirty leaves and the internal nodes above them.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

internal sealed class FileContent
{
    private readonly DagBlocks _blocks;
    private readonly int _chunk;
    private readonly int _fanout;
    private readonly List<Leaf> _leaves = [];
    private readonly SortedSet<int> _dirty = [];
    private readonly Dictionary<(int Level, long Index), CachedNode> _nodes = [];
    private EncodedBlock? _zeroLeaf;
    private Cid? _source;
    private long _sourceLength;
    private bool _loaded;
    private readonly Cid? _loadFrom; // the DAG the content was opened on (kept when a metadata change clears _root)
    private Cid? _root;
    private ulong _rootTsize;
    private int _rootLinks;
    private int _cachedIndex = -1;
    private ReadOnlyMemory<byte> _cachedBytes;

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
        long end = offset + data.Length;
        if (end > Length) await ResizeAsync(end, ct).ConfigureAwait(false);
        int done = 0;
        while (done < data.Length)
        {
            long pos = offset + done;
            int i = (int)(pos / _chunk);
            int inLeaf = (int)(pos % _chunk);
            int n = Math.Min(data.Length - done, _chunk - inLeaf);
            var buffer = await MaterializeAsync(i, ct).ConfigureAwait(false);
            data.Span.Slice(done, n).CopyTo(buffer.AsSpan(inLeaf));
            MarkDirty(i);
            done += n;
        }
    }

    public async ValueTask TruncateAsync(long length, CancellationToken ct)
    {
        if (length < 0) throw new MfsException(MfsErrorKind.InvalidArgument, "truncate length is negative");
        if (length == Length) return;
        await EnsureLoadedAsync(ct).ConfigureAwait(false);
        await ResizeAsync(length, ct).ConfigureAwait(false);
    }

    /// <summary>Encodes dirty leaves and the internal nodes above them; returns the file's root block.</summary>
    public async ValueTask<(Cid Cid, ulong Tsize, int Links)> FlushAsync(CancellationToken ct)
    {
        if (_root is { } clean) return (clean, _rootTsize, _rootLinks);
        await EnsureLoadedAsync(ct).ConfigureAwait(false); // a chmod/touch of a never-read file must keep its bytes
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
        return (root.Cid, root.Tsize, _rootLinks);
    }

    private int Height()
    {
        int h = 1;
        while (Capacity(h) < _leaves.Count) h++;
        return h;
    }

    private long Capacity(int level)
    {
        long c = 1;
        for (int l = 0; l < level; l++)
        {
            c *= _fanout;
            if (c > int.MaxValue) return long.MaxValue;
        }
        return c;
    }

    private int LeafCountUnder(int level, long index)
    {
        long cap = Capacity(level);
        long start = index * cap;
        return (int)Math.Min(cap, _leaves.Count - start);
    }

    private int ChildCount(int level, long index)
    {
        long below = Capacity(level - 1);
        return (int)((LeafCountUnder(level, index) + below - 1) / below);
    }

    private async ValueTask<EncodedBlock> BuildNodeAsync(int level, long index, bool isRoot, CancellationToken ct)
    {
        int leafCount = LeafCountUnder(level, index);
        if (!isRoot && _nodes.TryGetValue((level, index), out var cached) && cached.LeafCount == leafCount)
            return new EncodedBlock(cached.Cid, default, cached.Tsize);
        int children = ChildCount(level, index);
        var links = new List<PbLink>(children);
        var blockSizes = new List<ulong>(children);
        ulong total = 0;
        for (int c = 0; c < children; c++)
        {
            long childIndex = index * _fanout + c;
            Cid cid;
            ulong tsize, bytes;
            if (level == 1)
            {
                var leaf = _leaves[(int)childIndex];
                (cid, tsize, bytes) = (leaf.Cid!.Value, leaf.Tsize, (ulong)LeafSize((int)childIndex));
            }
            else
            {
                var child = await BuildNodeAsync(level - 1, childIndex, isRoot: false, ct).ConfigureAwait(false);
                long start = childIndex * Capacity(level - 1) * _chunk;
                (cid, tsize, bytes) = (child.Cid, child.Tsize, (ulong)(Math.Min(Length, start + Capacity(level - 1) * _chunk) - start));
            }
            links.Add(new PbLink(cid, "", tsize));
            blockSizes.Add(bytes);
            total += bytes;
        }
        var data = new UnixFsData
        {
            Type = UnixFsDataType.File,
            FileSize = total,
            BlockSizes = blockSizes,
            Mode = isRoot ? DagBlocks.OmitDefault(Mode, DagBlocks.DefaultFileMode) : null,
            Mtime = isRoot ? Mtime?.ToUnixFs() : null,
        };
        var block = _blocks.PbBlock(data, links);
        if (!isRoot)
        {
            await _blocks.PutAsync(block, ct).ConfigureAwait(false);
            BlocksWritten++;
            _nodes[(level, index)] = new CachedNode(block.Cid, block.Tsize, leafCount);
        }
        return block;
    }

    /// <summary>
    /// Encodes the dirty leaves a batch at a time: their bytes are gathered in order, hashed in parallel (the CPU
    /// part of a flush), then stored in order. Full leaves of zeros (holes, /dev/zero) reuse one cached block.
    /// </summary>
    private async ValueTask EncodeDirtyLeavesAsync(CancellationToken ct)
    {
        const int batchSize = 32;
        var order = _dirty.ToArray();
        var contents = new ReadOnlyMemory<byte>[Math.Min(batchSize, order.Length)];
        var encoded = new EncodedBlock[contents.Length];
        for (int first = 0; first < order.Length; first += batchSize)
        {
            int n = Math.Min(batchSize, order.Length - first);
            var indices = order.AsMemory(first, n);
            for (int k = 0; k < n; k++) contents[k] = await LeafContentAsync(indices.Span[k], ct).ConfigureAwait(false);
            Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, k => encoded[k] = EncodeLeaf(contents[k]));
            for (int k = 0; k < n; k++)
            {
                bool zero = encoded[k].Bytes.IsEmpty;
                var block = zero ? (_zeroLeaf ??= _blocks.Leaf(new byte[_chunk])) : encoded[k];
                await _blocks.PutAsync(block, ct).ConfigureAwait(false); // the zero leaf too: GC may have dropped it
                if (!zero) BlocksWritten++;
                _leaves[indices.Span[k]] = new Leaf(block.Cid, block.Tsize, null);
                if (_cachedIndex == indices.Span[k]) _cachedIndex = -1;
                contents[k] = default;
                encoded[k] = default;
            }
        }
        _dirty.Clear();
    }

    /// <summary>The bytes of dirty leaf <paramref name="i"/> at its full size (short leaves padded with zeros).</summary>
    private async ValueTask<ReadOnlyMemory<byte>> LeafContentAsync(int i, CancellationToken ct)
    {
        int size = LeafSize(i);
        var leaf = _leaves[i];
        if (leaf.Buffer is null && leaf.Cid is null && _source is null) return new byte[size];
        var bytes = await LeafBytesAsync(i, ct).ConfigureAwait(false);
        if (bytes.Length >= size) return bytes[..size];
        var padded = new byte[size];
        bytes.Span.CopyTo(padded);
        return padded;
    }

    /// <summary>The leaf's block; a full leaf of zeros gives an empty block (the caller uses the cached zero leaf).</summary>
    private EncodedBlock EncodeLeaf(ReadOnlyMemory<byte> content) =>
        content.Length == _chunk && IsZero(content.Span) ? default : _blocks.Leaf(content.Span);

    private static bool IsZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);

    private int LeafSize(int i) => (int)Math.Min(_chunk, Length - (long)i * _chunk);

    private void MarkDirty(int i)
    {
        _root = null;
        _dirty.Add(i);
        if (_cachedIndex == i) _cachedIndex = -1;
        for (int level = 1; level < 12; level++)
            _nodes.Remove((level, i / Capacity(level)));
    }

    private async ValueTask ResizeAsync(long length, CancellationToken ct)
    {
        int oldCount = _leaves.Count;
        int newCount = (int)((length + _chunk - 1) / _chunk);
        if (length > Length)
        {
            if (oldCount > 0 && LeafSize(oldCount - 1) < _chunk)
            {
                await MaterializeAsync(oldCount - 1, ct).ConfigureAwait(false);
                MarkDirty(oldCount - 1);
            }
            for (int i = oldCount; i < newCount; i++)
            {
                _leaves.Add(default);
                MarkDirty(i);
            }
            Length = length;
        }
        else
        {
            int keepInLast = (int)(length % _chunk);
            if (keepInLast != 0)
            {
                var buffer = await MaterializeAsync(newCount - 1, ct).ConfigureAwait(false);
                buffer.AsSpan(keepInLast).Clear();
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

    private async ValueTask<byte[]> MaterializeAsync(int i, CancellationToken ct)
    {
        if (_leaves[i].Buffer is { } existing) return existing;
        var buffer = new byte[_chunk];
        var bytes = await LeafBytesAsync(i, ct).ConfigureAwait(false);
        bytes.Span[..Math.Min(bytes.Length, _chunk)].CopyTo(buffer);
        _leaves[i] = _leaves[i] with { Buffer = buffer };
        return buffer;
    }

    /// <summary>The current bytes of leaf i (may be shorter than the leaf; the rest reads as zeros).</summary>
    private async ValueTask<ReadOnlyMemory<byte>> LeafBytesAsync(int i, CancellationToken ct)
    {
        var leaf = _leaves[i];
        if (leaf.Buffer is { } b) return b;
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
            foreach (var (cid, tsize) in leaves) _leaves.Add(new Leaf(cid, tsize, null));
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

    private readonly record struct Leaf(Cid? Cid, ulong Tsize, byte[]? Buffer);
}

internal readonly record struct CachedNode(Cid Cid, ulong Tsize, int LeafCount);
