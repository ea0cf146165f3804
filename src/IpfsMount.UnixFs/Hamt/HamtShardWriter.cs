// Writes a UnixFS HAMT-sharded directory (ipfs/specs UNIXFS.md "HAMTDirectory"): fanout 256, murmur3-x64-64 keys,
// link names "XX" (shard) or "XX"+name (entry), bitfield big-endian — the same blocks as go-unixfs and the JS importer.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

internal sealed class HamtShardWriter(BlockSink sink, int cidVersion)
{
    public const int Fanout = 256;
    private const int Bits = 8;

    private sealed class Node
    {
        public readonly object?[] Slots = new object?[Fanout];
    }

    private sealed record Entry(DirectoryChild Child, HamtKeyHash Hash);

    public async ValueTask<FileChild> WriteAsync(IReadOnlyList<DirectoryChild> children, uint? encodedMode,
        UnixFsTime? mtime, CancellationToken ct)
    {
        var root = new Node();
        foreach (var child in children) Insert(root, new Entry(child, new HamtKeyHash(child.Name)), 0);
        return await WriteNodeAsync(root, encodedMode, mtime, ct).ConfigureAwait(false);
    }

    private static void Insert(Node node, Entry entry, int depth)
    {
        while (true)
        {
            int index = HamtKeyHash.IndexAt(entry.Hash, depth, Bits);
            switch (node.Slots[index])
            {
                case null:
                    node.Slots[index] = entry;
                    return;
                case Node child:
                    node = child;
                    depth++;
                    continue;
                case Entry existing when existing.Child.Name == entry.Child.Name:
                    node.Slots[index] = entry; // same name added twice: the later one wins
                    return;
                case Entry existing:
                    var split = new Node();
                    node.Slots[index] = split;
                    Insert(split, existing, depth + 1);
                    node = split;
                    depth++;
                    continue;
            }
        }
    }

    private async ValueTask<FileChild> WriteNodeAsync(Node node, uint? encodedMode, UnixFsTime? mtime, CancellationToken ct)
    {
        var links = new List<PbLink>();
        var bitfield = new byte[Fanout / 8];
        ulong tsizes = 0;
        for (int i = 0; i < Fanout; i++)
        {
            var slot = node.Slots[i];
            if (slot is null) continue;
            bitfield[bitfield.Length - 1 - i / 8] |= (byte)(1 << (i % 8));
            string prefix = i.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            if (slot is Node child)
            {
                var sub = await WriteNodeAsync(child, null, null, ct).ConfigureAwait(false);
                links.Add(new PbLink(sub.Cid, prefix, sub.Tsize));
                tsizes += sub.Tsize;
            }
            else
            {
                var entry = ((Entry)slot).Child;
                links.Add(new PbLink(entry.Cid, prefix + entry.Name, entry.Tsize));
                tsizes += entry.Tsize;
            }
        }
        var data = new UnixFsData
        {
            Type = UnixFsDataType.HamtShard, Data = TrimLeadingZeros(bitfield), HashType = Multicodec.Murmur3X64_64, Fanout = Fanout,
            Mode = encodedMode, Mtime = mtime,
        };
        var block = DagPb.Encode(new PbNode(links, data.Encode()));
        var cid = await sink.PutOwnedAsync(block, Multicodec.DagPb, cidVersion, ct).ConfigureAwait(false);
        return new FileChild(cid, (ulong)block.Length + tsizes, 0);
    }

    /// <summary>The bitfield as a minimal big-endian integer (at least one byte), like Go's big.Int.Bytes().</summary>
    private static byte[] TrimLeadingZeros(byte[] bitfield)
    {
        int first = 0;
        while (first < bitfield.Length - 1 && bitfield[first] == 0) first++;
        return bitfield[first..];
    }
}
