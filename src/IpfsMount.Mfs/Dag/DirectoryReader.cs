// Lists the entries of a UnixFS directory block, plain or HAMT-sharded (UnixFS spec "HAMTDirectory":
// links named by a 2-hex-digit bucket are sub-shards, longer names are the bucket followed by the entry name).
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

internal static class DirectoryReader
{
    public static async ValueTask<List<(string Name, Cid Cid, ulong Tsize)>> ListAsync(
        DagBlocks blocks, DecodedNode dir, CancellationToken ct)
    {
        var result = new List<(string, Cid, ulong)>();
        if (dir.UnixFs?.Type == UnixFsDataType.Directory)
        {
            foreach (var l in dir.Links) result.Add((l.Name ?? "", l.Hash, l.Tsize ?? 0));
            return result;
        }
        if (dir.UnixFs?.Type != UnixFsDataType.HamtShard)
            throw new MfsException(MfsErrorKind.NotADirectory, $"{dir.Cid}: not a UnixFS directory");
        await ListShardAsync(blocks, dir, result, ct).ConfigureAwait(false);
        result.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return result;
    }

    private static async ValueTask ListShardAsync(DagBlocks blocks, DecodedNode shard, List<(string, Cid, ulong)> into, CancellationToken ct)
    {
        int prefix = PrefixLength(shard);
        foreach (var l in shard.Links)
        {
            string name = l.Name ?? "";
            if (name.Length < prefix)
                throw new MfsException(MfsErrorKind.InvalidData, $"{shard.Cid}: HAMT link name '{name}' is shorter than its bucket prefix");
            if (name.Length == prefix)
            {
                var child = await blocks.GetAsync(l.Hash, ct).ConfigureAwait(false);
                if (child.UnixFs?.Type != UnixFsDataType.HamtShard)
                    throw new MfsException(MfsErrorKind.InvalidData, $"{l.Hash}: HAMT bucket link does not point to a shard");
                await ListShardAsync(blocks, child, into, ct).ConfigureAwait(false);
            }
            else into.Add((name[prefix..], l.Hash, l.Tsize ?? 0));
        }
    }

    /// <summary>
    /// Lists a HAMT directory into <paramref name="into"/> and mirrors its shape as an <see cref="MfsHamtShard"/> with
    /// every shard clean (its block's CID), so later changes re-encode only the shards they touch; null when the
    /// shard's key hash is not murmur3-x64-64 (MFS then rebuilds it canonically on the first change).
    /// </summary>
    public static async ValueTask<MfsHamtShard?> LoadShardAsync(DagBlocks blocks, DecodedNode root,
        List<(string Name, Cid Cid, ulong Tsize)> into, CancellationToken ct)
    {
        var mirror = await MirrorShardAsync(blocks, root, into, ct).ConfigureAwait(false);
        into.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return mirror;
    }

    private static async ValueTask<MfsHamtShard?> MirrorShardAsync(DagBlocks blocks, DecodedNode shard,
        List<(string, Cid, ulong)> into, CancellationToken ct)
    {
        int prefix = PrefixLength(shard);
        ulong fanout = shard.UnixFs!.Fanout ?? 256;
        var mirror = shard.UnixFs.HashType == Multicodec.Murmur3X64_64 && fanout <= 1 << 16
            ? new MfsHamtShard(System.Numerics.BitOperations.Log2(fanout))
            : null;
        foreach (var l in shard.Links)
        {
            string name = l.Name ?? "";
            if (name.Length < prefix)
                throw new MfsException(MfsErrorKind.InvalidData, $"{shard.Cid}: HAMT link name '{name}' is shorter than its bucket prefix");
            if (!int.TryParse(name.AsSpan(0, prefix), System.Globalization.NumberStyles.AllowHexSpecifier, null, out int index) || index >= (int)fanout)
                throw new MfsException(MfsErrorKind.InvalidData, $"{shard.Cid}: HAMT link name '{name}' does not start with a bucket number");
            if (name.Length == prefix)
            {
                var child = await blocks.GetAsync(l.Hash, ct).ConfigureAwait(false);
                if (child.UnixFs?.Type != UnixFsDataType.HamtShard)
                    throw new MfsException(MfsErrorKind.InvalidData, $"{l.Hash}: HAMT bucket link does not point to a shard");
                var sub = await MirrorShardAsync(blocks, child, into, ct).ConfigureAwait(false);
                if (sub is null || sub.Fanout != (int)fanout) mirror = null;
                else mirror?.SetLoaded(index, sub);
            }
            else
            {
                into.Add((name[prefix..], l.Hash, l.Tsize ?? 0));
                mirror?.SetLoaded(index, name[prefix..]);
            }
        }
        if (mirror is null) return null;
        mirror.SetClean(shard.Cid, shard.Tsize);
        mirror.EncodedWith = (shard.Cid.Version, shard.Cid.Hash.Code);
        return mirror;
    }

    private static int PrefixLength(DecodedNode shard)
    {
        ulong fanout = shard.UnixFs!.Fanout ?? 256;
        if (fanout < 2 || (fanout & (fanout - 1)) != 0)
            throw new MfsException(MfsErrorKind.InvalidData, $"{shard.Cid}: HAMT fanout {fanout} is not a power of two");
        return (fanout - 1).ToString("X").Length;
    }

    /// <summary>The CID of <paramref name="name"/> inside directory <paramref name="dir"/>, or null.</summary>
    public static async ValueTask<(Cid Cid, ulong Tsize)?> FindAsync(DagBlocks blocks, DecodedNode dir, string name, CancellationToken ct)
    {
        if (dir.UnixFs?.Type == UnixFsDataType.Directory)
        {
            foreach (var l in dir.Links)
                if (l.Name == name) return (l.Hash, l.Tsize ?? 0);
            return null;
        }
        foreach (var e in await ListAsync(blocks, dir, ct).ConfigureAwait(false))
            if (e.Name == name) return (e.Cid, e.Tsize);
        return null;
    }
}
