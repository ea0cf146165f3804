// Opening a repo after an unclean stop (DESIGN.md, "Crash safety"): index records of pack blocks past the synced pack
// extent of the last synced write are re-hashed, and dropped when their bytes did not reach the disk (power loss), so
// such a block reads as missing — re-put by the next import — instead of a corrupt block that Has() would claim.
namespace IpfsMount.Storage;

using IpfsMount.Core;
using RocksDbSharp;

internal static class PackRecovery
{
    public static byte[] EncodeExtent(PackLocation extent)
    {
        Span<byte> buffer = stackalloc byte[20];
        var n = Varint.Write(buffer, extent.Pack);
        n += Varint.Write(buffer[n..], (ulong)extent.Offset);
        return buffer[..n].ToArray();
    }

    public static PackLocation? DecodeExtent(ReadOnlySpan<byte> value)
    {
        if (!Varint.TryRead(value, out var pack, out var n) || !Varint.TryRead(value[n..], out var length, out var m)
            || n + m != value.Length || pack > uint.MaxValue || length > long.MaxValue / 2)
        {
            return null;
        }

        return new PackLocation((uint)pack, (long)length, 0);
    }

    /// <summary>Checks the pack blocks written after the last synced write, when the packs extend past it; returns how
    /// many index records were dropped because their bytes are not on disk.</summary>
    public static int Recover(RepoDatabase db)
    {
        var stored = db.Db.Get(RepoColumns.MetaPacksSyncedKey, db.Meta);
        var synced = (stored is null ? null : DecodeExtent(stored)) ?? new PackLocation(0, 0, 0);
        var extent = db.Packs.Extent;
        if (extent.Offset == 0 || !IsPast(extent.Pack, extent.Offset, synced))
        {
            return 0;
        }

        using var batch = new WriteBatch();
        var dropped = 0;
        var readOptions = new ReadOptions().SetFillCache(false).SetVerifyChecksums(false);
        using (var it = db.Db.NewIterator(db.Blocks, readOptions))
        {
            for (it.SeekToFirst(); it.Valid(); it.Next())
            {
                if (BlockRecord.TryDecode(it.GetValueSpan(), out _, out _, out var pack) && pack is { } location
                    && IsPast(location.Pack, location.End, synced) && !Intact(db.Packs, it.Key(), location))
                {
                    batch.Delete(it.Key(), db.Blocks);
                    dropped++;
                }
            }
        }

        db.WriteSynced(batch); // also records the current extent: the next open has nothing to check
        return dropped;
    }

    private static bool IsPast(uint pack, long end, PackLocation synced) =>
        pack > synced.Pack || (pack == synced.Pack && end > synced.Offset);

    private static bool Intact(PackStore packs, byte[] key, PackLocation location)
    {
        Multihash hash;
        try
        {
            hash = Multihash.FromBytes(key);
        }
        catch (InvalidMultihashException)
        {
            return true; // not ours to judge: `repo verify` reports a malformed key
        }

        return StoredBlock.PackBytesMatch(packs, location, hash);
    }
}
