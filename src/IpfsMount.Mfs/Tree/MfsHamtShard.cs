// The shard tree of a HAMT-sharded MFS directory (UnixFS spec "HAMTDirectory", go-unixfs hamt): which bucket holds
// each name and every shard block's CID while it is unchanged, so a change re-encodes only the shards on its path.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

/// <summary>
/// One shard node: each slot is empty, an entry name, or a sub-shard. The tree stays the minimal trie of its names
/// (a slot splits only when two names meet, a sub-shard left with one entry folds back into its parent, as
/// go-unixfs does), which is the shape the importer writes for the same names, so the CIDs agree.
/// </summary>
internal sealed class MfsHamtShard
{
    public const int DefaultBits = 8;

    private readonly int _bits;
    private readonly object?[] _slots;

    public MfsHamtShard(int bits)
    {
        if (bits is < 1 or > 16) throw new MfsException(MfsErrorKind.InvalidData, $"HAMT fanout 2^{bits} is not supported");
        _bits = bits;
        _slots = new object?[1 << bits];
    }

    public int Fanout => _slots.Length;

    /// <summary>This shard's block while unchanged (null: re-encode at the next flush).</summary>
    public Cid? CleanCid { get; private set; }
    public ulong CleanTsize { get; private set; }

    /// <summary>The CID version and hash the clean blocks were made with (a `chcid` makes every block new).</summary>
    public (int Version, ulong Hash) EncodedWith { get; set; }

    /// <summary>A canonical shard tree of <paramref name="names"/>, every node dirty.</summary>
    public static MfsHamtShard Build(IEnumerable<string> names, int bits = DefaultBits)
    {
        var root = new MfsHamtShard(bits);
        foreach (var name in names) root.Insert(name);
        return root;
    }

    /// <summary>Used while loading a shard block: slot <paramref name="index"/> holds a name or a sub-shard.</summary>
    public void SetLoaded(int index, object value) => _slots[index] = value;

    public void SetClean(Cid cid, ulong tsize) => (CleanCid, CleanTsize) = (cid, tsize);

    public void MarkDirty() => CleanCid = null;

    /// <summary>Adds <paramref name="name"/> (no-op when present), dirtying the shards on its path.</summary>
    public void Insert(string name)
    {
        var hash = new HamtKeyHash(name);
        var node = this;
        for (int depth = 0; ; depth++)
        {
            node.CleanCid = null;
            int i = HamtKeyHash.IndexAt(hash, depth, _bits);
            switch (node._slots[i])
            {
                case null:
                    node._slots[i] = name;
                    return;
                case MfsHamtShard child:
                    node = child;
                    break;
                case string existing when existing == name:
                    return;
                case string existing:
                    var split = new MfsHamtShard(_bits);
                    split._slots[HamtKeyHash.IndexAt(new HamtKeyHash(existing), depth + 1, _bits)] = existing;
                    node._slots[i] = split;
                    node = split;
                    break;
            }
        }
    }

    /// <summary>Removes <paramref name="name"/>, folding sub-shards left empty or with one entry into their parent;
    /// false when the name is not where its hash leads (a foreign, non-canonical shard: rebuild it instead).</summary>
    public bool Remove(string name)
    {
        var path = FindPath(name);
        if (path is null) return false;
        foreach (var (n, _) in path) n.CleanCid = null;
        var (last, lastIndex) = path[^1];
        last._slots[lastIndex] = null;
        for (int k = path.Count - 1; k >= 1; k--)
        {
            var (node, _) = path[k];
            var (parent, parentIndex) = path[k - 1];
            var (count, only) = node.Occupancy();
            if (count == 0) parent._slots[parentIndex] = null;
            else if (count == 1 && only is string single) parent._slots[parentIndex] = single;
        }
        return true;
    }

    /// <summary>The entry's CID changed: dirties the shards on its path; false when the name is not found.</summary>
    public bool Touch(string name)
    {
        var path = FindPath(name);
        if (path is null) return false;
        foreach (var (n, _) in path) n.CleanCid = null;
        return true;
    }

    /// <summary>Writes the dirty shards (children first) and returns the root's CID and cumulative size.</summary>
    public async ValueTask<(Cid Cid, ulong Tsize)> EncodeAsync(DagBlocks blocks, IReadOnlyDictionary<string, DirEntrySlot> entries,
        UnixFsData rootMetadata, CancellationToken ct)
    {
        if (CleanCid is { } clean) return (clean, CleanTsize);
        var (version, hash) = EncodedWith;
        var links = new List<PbLink>();
        var bitfield = new byte[Math.Max(1, Fanout / 8)];
        string format = "X" + (Fanout - 1).ToString("X", System.Globalization.CultureInfo.InvariantCulture).Length;
        for (int i = 0; i < Fanout; i++)
        {
            var slot = _slots[i];
            if (slot is null) continue;
            bitfield[bitfield.Length - 1 - i / 8] |= (byte)(1 << (i % 8));
            string prefix = i.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
            if (slot is MfsHamtShard sub)
            {
                sub.EncodedWith = EncodedWith;
                var (subCid, subTsize) = await sub.EncodeAsync(blocks, entries, new UnixFsData(), ct).ConfigureAwait(false);
                links.Add(new PbLink(subCid, prefix, subTsize));
            }
            else
            {
                var name = (string)slot;
                var entry = entries[name];
                links.Add(new PbLink(entry.Cid, prefix + name, entry.Tsize));
            }
        }
        var data = new UnixFsData
        {
            Type = UnixFsDataType.HamtShard, Data = TrimLeadingZeros(bitfield), HashType = Multicodec.Murmur3X64_64,
            Fanout = (ulong)Fanout, Mode = rootMetadata.Mode, Mtime = rootMetadata.Mtime,
        };
        var block = await blocks.PutAsync(blocks.PbBlock(data, links, version, hash), ct).ConfigureAwait(false);
        (CleanCid, CleanTsize) = (block.Cid, block.Tsize);
        return (block.Cid, block.Tsize);
    }

    private List<(MfsHamtShard Node, int Index)>? FindPath(string name)
    {
        var hash = new HamtKeyHash(name);
        var path = new List<(MfsHamtShard, int)>();
        var node = this;
        for (int depth = 0; ; depth++)
        {
            int i = HamtKeyHash.IndexAt(hash, depth, _bits);
            path.Add((node, i));
            switch (node._slots[i])
            {
                case MfsHamtShard child:
                    node = child;
                    continue;
                case string s when s == name:
                    return path;
                default:
                    return null;
            }
        }
    }

    private (int Count, object? Only) Occupancy()
    {
        int count = 0;
        object? only = null;
        foreach (var slot in _slots)
        {
            if (slot is null) continue;
            count++;
            only = slot;
        }
        return (count, only);
    }

    /// <summary>The bitfield as a minimal big-endian integer (at least one byte), like Go's big.Int.Bytes().</summary>
    private static byte[] TrimLeadingZeros(byte[] bitfield)
    {
        int first = 0;
        while (first < bitfield.Length - 1 && bitfield[first] == 0) first++;
        return bitfield[first..];
    }
}
