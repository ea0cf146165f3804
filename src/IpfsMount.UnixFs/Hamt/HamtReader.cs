// Reads UnixFS HAMT directories (ipfs/specs UNIXFS.md "HAMTDirectory"): a lookup hashes the name and follows one
// shard per level; a listing walks shards in link order, fetching each sub-shard only when it is reached.
using System.Globalization;
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

internal static class HamtReader
{
    public static async Task<Cid?> LookupAsync(UnixFsResolver resolver, UnixFsNode shard, string name, CancellationToken ct)
    {
        var hash = new HamtKeyHash(name);
        for (int depth = 0; ; depth++)
        {
            var (bits, pad) = Geometry(shard);
            int index = HamtKeyHash.IndexAt(hash, depth, bits);
            string prefix = index.ToString("X" + pad, CultureInfo.InvariantCulture);
            PbLink? match = null;
            foreach (var link in shard.Pb!.Links)
            {
                string linkName = link.Name ?? throw new InvalidUnixFsException($"HAMT shard {shard.Cid} has a link without a name");
                if (linkName.Length < pad)
                    throw new InvalidUnixFsException($"HAMT shard {shard.Cid} has a link name '{linkName}' shorter than its {pad}-character index");
                if (string.CompareOrdinal(linkName, 0, prefix, 0, pad) != 0) continue;
                if (linkName.Length == pad)
                {
                    match = link;
                    break;
                }
                if (string.CompareOrdinal(linkName, pad, name, 0, int.MaxValue) == 0 && linkName.Length - pad == name.Length)
                    return link.Hash;
            }
            if (match is null) return null;
            shard = await resolver.GetNodeAsync(match.Hash, ct).ConfigureAwait(false);
            if (shard.Kind != UnixFsNodeKind.HamtDirectory)
                throw new InvalidUnixFsException($"HAMT link {match.Name} points to {shard.Cid}, which is a {shard.Kind}, not a shard");
            if (depth > 64) throw new InvalidUnixFsException($"HAMT under {shard.Cid} is deeper than 64 levels");
        }
    }

    public static async IAsyncEnumerable<UnixFsDirEntry> ListAsync(UnixFsResolver resolver, UnixFsNode shard,
        [EnumeratorCancellation] CancellationToken ct, int depth = 0)
    {
        if (depth > 64) throw new InvalidUnixFsException($"HAMT under {shard.Cid} is deeper than 64 levels");
        var (_, pad) = Geometry(shard);
        foreach (var link in shard.Pb!.Links)
        {
            ct.ThrowIfCancellationRequested();
            string linkName = link.Name ?? throw new InvalidUnixFsException($"HAMT shard {shard.Cid} has a link without a name");
            if (linkName.Length < pad)
                throw new InvalidUnixFsException($"HAMT shard {shard.Cid} has a link name '{linkName}' shorter than its {pad}-character index");
            if (linkName.Length > pad)
            {
                yield return new UnixFsDirEntry(linkName[pad..], link.Hash, link.Tsize ?? 0);
                continue;
            }
            var sub = await resolver.GetNodeAsync(link.Hash, ct).ConfigureAwait(false);
            if (sub.Kind != UnixFsNodeKind.HamtDirectory)
                throw new InvalidUnixFsException($"HAMT link {linkName} in {shard.Cid} points to a {sub.Kind}, not a shard");
            await foreach (var entry in ListAsync(resolver, sub, ct, depth + 1).ConfigureAwait(false))
                yield return entry;
        }
    }

    /// <summary>Bits per level and the hex width of link-name prefixes, from the shard's fanout.</summary>
    private static (int Bits, int Pad) Geometry(UnixFsNode shard)
    {
        int fanout = (int)shard.Data!.Fanout!.Value;
        int bits = System.Numerics.BitOperations.Log2((uint)fanout);
        int pad = (fanout - 1).ToString("X", CultureInfo.InvariantCulture).Length;
        return (bits, pad);
    }
}
