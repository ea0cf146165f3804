// Gives back the pack space of blocks a GC sweep removed: a pack whose live bytes are at most half its length has its
// live blocks copied (hash-checked) to the active pack, their index records re-pointed in one synced write, then the
// pack file is deleted. Runs under the exclusive GcLock (no writer is between a pack append and its index write).
namespace IpfsMount.Storage;

using System.Buffers;
using RocksDbSharp;

internal static class PackReclaimer
{
    /// <summary>Meta key of the last reclaim (the ids of the packs it deleted), written in its synced commit.</summary>
    private static readonly byte[] MetaKey = "packs-reclaimed"u8.ToArray();

    /// <summary>Rewrites the packs worth rewriting; <paramref name="live"/> holds the bytes of kept blocks per pack.
    /// Returns the bytes of pack files given back.</summary>
    public static long Reclaim(RocksBlockStore store, IReadOnlyDictionary<uint, long> live, CancellationToken ct)
    {
        var db = store.Database;
        var candidates = new Dictionary<uint, long>();
        var active = db.Packs.ActivePack;
        foreach (var (id, length) in db.Packs.List())
        {
            var liveBytes = live.GetValueOrDefault(id);
            if ((length > liveBytes && liveBytes * 2 <= length) || (length == 0 && id != active))
            {
                candidates[id] = length;
            }
        }

        if (candidates.Count == 0)
        {
            return 0;
        }

        if (candidates.ContainsKey(active))
        {
            db.Packs.Roll();
        }

        using var batch = new WriteBatch();
        var damaged = new HashSet<uint>();
        long moved = 0;
        foreach (var block in store.Scan(verify: false))
        {
            ct.ThrowIfCancellationRequested();
            if (block.Pack is { } from && candidates.ContainsKey(from.Pack))
            {
                if (Move(db, block, from, batch))
                {
                    moved += from.Length;
                }
                else
                {
                    damaged.Add(from.Pack); // left in place for `repo verify` to report; the pack stays
                }
            }
        }

        var retired = candidates.Keys.Where(id => !damaged.Contains(id)).Order().ToArray();
        batch.Put(MetaKey, System.Text.Encoding.ASCII.GetBytes(string.Join(',', retired)), db.Meta);
        db.WriteSynced(batch); // the copies, then the new index records (and the sweep's deletes before them) are on disk
        long freed = 0;
        foreach (var id in retired)
        {
            freed += candidates[id];
            db.Packs.Retire(id);
        }

        return Math.Max(0, freed - moved);
    }

    private static bool Move(RepoDatabase db, StoredBlock block, PackLocation from, WriteBatch batch)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(from.Length);
        try
        {
            var bytes = buffer.AsSpan(0, from.Length);
            if (!db.Packs.TryRead(from, bytes, out var read) || read != bytes.Length || !block.Cid.Hash.Matches(bytes))
            {
                return false;
            }

            var to = db.Packs.Append(bytes);
            batch.Put(block.Key, BlockRecord.EncodePack(block.Cid.Codec, to), db.Blocks);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
