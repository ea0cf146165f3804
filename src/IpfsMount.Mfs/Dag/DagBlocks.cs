// Encodes and decodes the UnixFS blocks the MFS writes (dag-pb spec + UnixFS spec): file leaves,
// balanced internal nodes, directories, symlinks; computes their CIDs with the tree's layout.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

internal readonly record struct EncodedBlock(Cid Cid, ReadOnlyMemory<byte> Bytes, ulong Tsize);

internal sealed class DagBlocks
{
    private readonly Func<CancellationToken, Task<IDisposable>>? _writeLease;
    private EncodedBlock? _zeroLeaf;

    /// <param name="writeLease">held from a leaf stored in the background until a root references it (GC lock).</param>
    public DagBlocks(IBlockStore store, MfsLayout layout, Func<CancellationToken, Task<IDisposable>>? writeLease = null,
        LeafWriteQueue? queue = null)
    {
        Store = store;
        Layout = layout;
        _writeLease = writeLease;
        Queue = queue ?? new LeafWriteQueue(LeafWriteQueue.DefaultBudgetBytes);
    }

    public IBlockStore Store { get; }
    public MfsLayout Layout { get; }

    /// <summary>Encodes and stores full leaves of files being written, off the writer's thread.</summary>
    public LeafWriteQueue Queue { get; }

    /// <summary>The same store, lease and leaf queue with another layout (a file written with its own profile).</summary>
    public DagBlocks WithLayout(MfsLayout layout) => new(Store, layout, _writeLease, Queue);

    /// <summary>A GC lease (null without a lease hook): blocks stored while it is held survive a GC.</summary>
    public async ValueTask<IDisposable?> EnterLeaseAsync(CancellationToken ct) =>
        _writeLease is { } enter ? await enter(ct).ConfigureAwait(false) : null;

    /// <summary>A buffer for one leaf of this layout: the chunk at <see cref="LeafOffset"/>, with room around it to
    /// encode the block in place. Not zeroed.</summary>
    public byte[] NewLeafBuffer() => GC.AllocateUninitializedArray<byte>(LeafOffset + Layout.ChunkSize + UnixFsLeafBlock.TrailerRoom);

    /// <summary>Where the chunk starts in a leaf buffer.</summary>
    public const int LeafOffset = UnixFsLeafBlock.HeaderRoom;

    /// <summary>The leaf block of the <paramref name="length"/> bytes at <see cref="LeafOffset"/> in a leaf buffer,
    /// built around them without a copy; the block then owns the buffer (it may go to the store as it is), so the
    /// chunk must not change any more. A full chunk of zeros gives the shared zero leaf.</summary>
    public EncodedBlock LeafInPlace(byte[] buffer, int length)
    {
        var chunk = buffer.AsSpan(LeafOffset, length);
        if (length == Layout.ChunkSize && !chunk.ContainsAnyExcept((byte)0)) return ZeroLeaf;
        if (Layout.RawLeaves)
        {
            var raw = buffer.AsMemory(LeafOffset, length);
            return new EncodedBlock(Cid.Compute(raw.Span, Multicodec.Raw, 1, Layout.HashCode), raw, (ulong)length);
        }
        var leaf = UnixFsLeafBlock.EncodeInPlace(buffer, length);
        var pbCid = Cid.Compute(leaf.Span, Multicodec.DagPb, Layout.CidVersion, Layout.HashCode);
        return new EncodedBlock(pbCid, leaf, (ulong)leaf.Length);
    }

    /// <summary>The leaf of a full chunk of zeros (holes, /dev/zero), encoded once.</summary>
    public EncodedBlock ZeroLeaf => _zeroLeaf ??= Leaf(new byte[Layout.ChunkSize]);

    public async ValueTask<EncodedBlock> PutAsync(EncodedBlock block, CancellationToken ct)
    {
        await Store.PutAsync(block.Cid, block.Bytes, ct).ConfigureAwait(false);
        return block;
    }

    public EncodedBlock PbBlock(UnixFsData data, IReadOnlyList<PbLink> links, int? cidVersion = null, ulong? hashCode = null)
    {
        var node = new PbNode { Data = data.Encode(), Links = links };
        byte[] bytes = DagPb.Encode(node);
        var cid = Cid.Compute(bytes, Multicodec.DagPb, cidVersion ?? Layout.CidVersion, hashCode ?? Layout.HashCode);
        ulong tsize = (ulong)bytes.Length;
        foreach (var l in links) tsize += l.Tsize ?? 0;
        return new EncodedBlock(cid, bytes, tsize);
    }

    /// <summary>A leaf of a multi-leaf file: raw block or dag-pb UnixFS File with inline data.</summary>
    public EncodedBlock Leaf(ReadOnlySpan<byte> content)
    {
        if (Layout.RawLeaves)
        {
            byte[] bytes = content.ToArray();
            return new EncodedBlock(Cid.Compute(bytes, Multicodec.Raw, 1, Layout.HashCode), bytes, (ulong)bytes.Length);
        }
        var leaf = UnixFsLeafBlock.Encode(content);
        var pbCid = Cid.Compute(leaf.Span, Multicodec.DagPb, Layout.CidVersion, Layout.HashCode);
        return new EncodedBlock(pbCid, leaf, (ulong)leaf.Length);
    }

    /// <summary>A whole file in one dag-pb node (needed when the file has mode/mtime).</summary>
    public EncodedBlock SingleNodeFile(ReadOnlySpan<byte> content, uint? mode, MfsTime? mtime) =>
        PbBlock(FileData(content, mode, mtime), []);

    public EncodedBlock EmptyFile(uint? mode, MfsTime? mtime)
    {
        if (Layout.RawLeaves && mode is null && mtime is null) return Leaf([]);
        return PbBlock(FileData([], mode, mtime), []);
    }

    public EncodedBlock Directory(IEnumerable<KeyValuePair<string, (Cid Cid, ulong Tsize)>> entries, uint? mode, MfsTime? mtime,
        int? cidVersion = null, ulong? hashCode = null)
    {
        var links = new List<(byte[] Key, PbLink Link)>();
        foreach (var (name, e) in entries)
            links.Add((System.Text.Encoding.UTF8.GetBytes(name), new PbLink(e.Cid, name, e.Tsize)));
        links.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        var data = new UnixFsData { Type = UnixFsDataType.Directory, Mode = OmitDefault(mode, DefaultDirectoryMode), Mtime = mtime?.ToUnixFs() };
        return PbBlock(data, links.ConvertAll(l => l.Link), cidVersion, hashCode);
    }

    public EncodedBlock Symlink(string target, uint? mode, MfsTime? mtime)
    {
        byte[] t = System.Text.Encoding.UTF8.GetBytes(target);
        var data = new UnixFsData { Type = UnixFsDataType.Symlink, Data = t, Mode = mode, Mtime = mtime?.ToUnixFs() };
        return PbBlock(data, []);
    }

    public static UnixFsData FileData(ReadOnlySpan<byte> content, uint? mode, MfsTime? mtime) => new()
    {
        Type = UnixFsDataType.File,
        Data = content.ToArray(),
        FileSize = (ulong)content.Length,
        Mode = OmitDefault(mode, DefaultFileMode),
        Mtime = mtime?.ToUnixFs(),
    };

    public const uint DefaultFileMode = 420;      // 0644
    public const uint DefaultDirectoryMode = 493; // 0755

    /// <summary>Like ipfs-unixfs, the default mode (0644 files, 0755 directories) is not written.</summary>
    public static uint? OmitDefault(uint? mode, uint defaultMode) => mode == defaultMode ? null : mode;

    /// <summary>Fetches a block (hash-checked by the store) and decodes dag-pb + UnixFS; raw blocks give null.</summary>
    public async ValueTask<DecodedNode> GetAsync(Cid cid, CancellationToken ct)
    {
        var bytes = await Store.GetAsync(cid, ct).ConfigureAwait(false);
        if (cid.Codec == Multicodec.Raw) return new DecodedNode(cid, bytes, null, null);
        if (cid.Codec != Multicodec.DagPb)
            throw new MfsException(MfsErrorKind.InvalidData,
                $"{cid}: codec {Multicodec.Name(cid.Codec)} is not UnixFS (only dag-pb and raw can be placed in MFS)");
        var pb = DagPb.Decode(bytes);
        if (pb.Data is not { } d)
            throw new MfsException(MfsErrorKind.InvalidData, $"{cid}: dag-pb node without UnixFS Data");
        try
        {
            return new DecodedNode(cid, bytes, pb, UnixFsData.Decode(d));
        }
        catch (InvalidUnixFsException e)
        {
            throw new MfsException(MfsErrorKind.InvalidData, $"{cid}: {e.Message}", e);
        }
    }
}

internal sealed record DecodedNode(Cid Cid, ReadOnlyMemory<byte> Bytes, PbNode? Pb, UnixFsData? UnixFs)
{
    public bool IsRaw => Pb is null;
    public IReadOnlyList<PbLink> Links => Pb?.Links ?? [];

    public MfsEntryKind Kind => UnixFs?.Type switch
    {
        null or UnixFsDataType.Raw or UnixFsDataType.File => MfsEntryKind.File,
        UnixFsDataType.Directory or UnixFsDataType.HamtShard => MfsEntryKind.Directory,
        UnixFsDataType.Symlink => MfsEntryKind.Symlink,
        _ => throw new MfsException(MfsErrorKind.InvalidData, $"{Cid}: UnixFS type {UnixFs?.Type} cannot be placed in MFS"),
    };

    public long FileSize => IsRaw ? Bytes.Length : (long)(UnixFs!.FileSize ?? (ulong)UnixFs.Data.Length);

    public ulong Tsize
    {
        get
        {
            ulong t = (ulong)Bytes.Length;
            foreach (var l in Links) t += l.Tsize ?? 0;
            return t;
        }
    }
}
