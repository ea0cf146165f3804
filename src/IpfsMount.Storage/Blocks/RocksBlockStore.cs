// IBlockStore over the `blocks` column family: keyed by multihash (v0 and v1 of a block are one entry), value inline
// or a pointer into a pack file (BlockRecord); every read hash-checked; identity-hash CIDs come from the CID itself.
namespace IpfsMount.Storage;

using System.Runtime.CompilerServices;
using IpfsMount.Core;
using RocksDbSharp;

public sealed class RocksBlockStore : IBlockStore
{
    private readonly RepoDatabase _db;

    internal RocksBlockStore(RepoDatabase db)
    {
        _db = db;
    }

    public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Get(cid));
    }

    /// <summary>Reads and hash-checks one block; BlockNotFoundException / BlockCorruptException.</summary>
    public ReadOnlyMemory<byte> Get(Cid cid) => Read(cid, pooled: false).Data;

    /// <summary>Like <see cref="Get"/>, but a block in a pack file is read into a pooled buffer (dispose the lease
    /// after copying the bytes out).</summary>
    public ValueTask<BlockLease> RentAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(cid, pooled: true));
    }

    private BlockLease Read(Cid cid, bool pooled)
    {
        if (cid.Hash.Code == Multicodec.Identity)
        {
            return BlockLease.Unpooled(cid.Hash.Digest);
        }

        var key = BlockRecord.Key(cid);
        for (var attempt = 0; ; attempt++)
        {
            var value = _db.Db.Get(key, _db.Blocks, _db.BlockReadOptions) ?? throw new BlockNotFoundException(cid);
            if (!BlockRecord.TryDecode(value, out _, out var inlineOffset, out var pack))
            {
                throw new BlockCorruptException(cid);
            }

            if (pack is not { } location)
            {
                var data = value.AsMemory(inlineOffset);
                return cid.Hash.Matches(data.Span) ? BlockLease.Unpooled(data) : throw new BlockCorruptException(cid);
            }

            var plain = pooled ? null : GC.AllocateUninitializedArray<byte>(location.Length);
            var lease = plain is null ? BlockLease.Rent(location.Length) : BlockLease.Unpooled(plain);
            Span<byte> bytes = plain is null ? lease.Writable : plain;
            if (_db.Packs.TryRead(location, bytes, out var read))
            {
                if (read == bytes.Length && cid.Hash.Matches(bytes))
                {
                    return lease;
                }

                lease.Dispose();
                throw new BlockCorruptException(cid);
            }

            lease.Dispose();
            // The pack is gone: a GC moved the block (the index now says where) and retired the pack; after a few
            // looks at the index the pack is really missing.
            if (attempt == 2)
            {
                throw new BlockCorruptException(cid);
            }
        }
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (cid.Hash.Code == Multicodec.Identity || Has(cid))
        {
            return ValueTask.CompletedTask;
        }

        if (data.Length >= PackStore.MinBlockBytes)
        {
            // Bytes first, then the index record: a record never precedes its bytes.
            var db = _db.Db;
            _db.Packs.Append(data.Span, location =>
                db.Put(BlockRecord.Key(cid), BlockRecord.EncodePack(cid.Codec, location), _db.Blocks, _db.WriteOptions));
            return ValueTask.CompletedTask;
        }

        using var batch = new WriteBatch();
        BlockRecord.AddInline(batch, cid, data, _db.Blocks);
        _db.Db.Write(batch, _db.WriteOptions);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Has(cid));
    }

    public bool Has(Cid cid) => cid.Hash.Code == Multicodec.Identity || _db.Db.HasKey(BlockRecord.Key(cid), _db.Blocks);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (cid.Hash.Code != Multicodec.Identity)
        {
            _db.Db.Remove(BlockRecord.Key(cid), _db.Blocks, _db.WriteOptions);
        }

        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Yield();
        foreach (var entry in Scan(verify: false))
        {
            ct.ThrowIfCancellationRequested();
            yield return entry.Cid;
        }
    }

    /// <summary>Adds a block to a write batch (used by BlockWriteBatch and tests of crash safety): a large block's
    /// bytes are appended to a pack now and the batch gets its index record; a small one goes into the batch. Returns
    /// the bytes added to the batch.</summary>
    internal int AddTo(WriteBatch batch, Cid cid, ReadOnlyMemory<byte> data)
    {
        if (data.Length < PackStore.MinBlockBytes)
        {
            BlockRecord.AddInline(batch, cid, data, _db.Blocks);
            return data.Length;
        }

        var record = BlockRecord.EncodePack(cid.Codec, _db.Packs.Append(data.Span));
        batch.Put(BlockRecord.Key(cid), record, _db.Blocks);
        return record.Length;
    }

    internal RepoDatabase Database => _db;

    internal void DeleteFrom(WriteBatch batch, Multihash hash) => batch.Delete(hash.ToBytes(), _db.Blocks);

    internal void Commit(WriteBatch batch) => _db.Db.Write(batch, _db.WriteOptions);

    /// <summary>Writes a batch without the WAL; durable only after MakeDurable (or the next synced write).</summary>
    internal void CommitUnlogged(WriteBatch batch) => _db.WriteUnlogged(batch);

    internal void MakeDurable() => _db.MakeBlocksDurable();

    internal void StartFlush() => _db.StartBlocksFlush();

    /// <summary>Gives the disk space of deleted blocks back (a compaction with blob GC; see RepoDatabase).</summary>
    internal void ReclaimSpace() => _db.ReclaimBlockSpace();

    /// <summary>Every stored entry in key order over a consistent snapshot, without copying values; with
    /// <paramref name="verify"/> each value is re-hashed in place. A record whose key is not a multihash or whose value
    /// has no codec prefix is reported with IsMalformed.</summary>
    /// <summary>The entry under <paramref name="key"/> as it is now (outside any scan snapshot), re-hashed; null when it
    /// is gone. A scan that saw a pack block fail asks again: a GC may have moved it to another pack (and deleted the
    /// old one) or deleted it since the scan's snapshot was taken.</summary>
    internal StoredBlock? Recheck(byte[] key)
    {
        var value = _db.Db.Get(key, _db.Blocks, _db.BlockReadOptions);
        return value is null ? null : StoredBlock.From(key, value, _db.Packs);
    }

    internal IEnumerable<StoredBlock> Scan(bool verify)
    {
        using var snapshot = _db.Db.CreateSnapshot();
        // No RocksDB CRC pass: a scan reads every value, and verify re-hashes each against its multihash anyway.
        var readOptions = new ReadOptions().SetSnapshot(snapshot).SetFillCache(false).SetVerifyChecksums(false);
        using var it = _db.Db.NewIterator(_db.Blocks, readOptions);
        for (it.SeekToFirst(); it.Valid(); it.Next())
        {
            yield return StoredBlock.From(it.Key(), it.GetValueSpan(), verify ? _db.Packs : null);
        }
    }
}
