// The one RocksDB database of a repo and its pack files: opens them, turns a held LOCK into RepoLockedException, and
// orders synced writes after the block bytes they may refer to (DESIGN.md, "Crash safety").
namespace IpfsMount.Storage;

using System.Globalization;
using RocksDbSharp;

internal sealed class RepoDatabase : IDisposable
{
    private const string OwnerPidFile = "db.pid";

    private RocksDb? _db;

    private RepoDatabase(RocksDb db, string dbPath, PackStore packs)
    {
        _db = db;
        DbPath = dbPath;
        Packs = packs;
        Blocks = db.GetColumnFamily(RepoColumns.Blocks);
        Pins = db.GetColumnFamily(RepoColumns.Pins);
        Mfs = db.GetColumnFamily(RepoColumns.Mfs);
        Meta = db.GetColumnFamily(RepoColumns.Meta);
    }

    /// <summary>The open database; ObjectDisposedException after the repo was disposed (instead of a native crash).</summary>
    public RocksDb Db => _db ?? throw new ObjectDisposedException(nameof(Repo), "the repo was closed");
    public string DbPath { get; }
    public ColumnFamilyHandle Blocks { get; }
    public ColumnFamilyHandle Pins { get; }
    public ColumnFamilyHandle Mfs { get; }
    public ColumnFamilyHandle Meta { get; }

    /// <summary>The pack files holding the bytes of large blocks.</summary>
    public PackStore Packs { get; }

    /// <summary>Writes are not fsynced one by one: a process crash loses nothing (the WAL is in the OS),
    /// and a power loss loses at most a tail of whole batches, never part of one.</summary>
    public WriteOptions WriteOptions { get; } = new WriteOptions();

    /// <summary>Synced writes, for the few that must be durable before we answer (pins, MFS roots, init). Use them
    /// through WriteSynced/PutSynced/RemoveSynced, which first make unlogged block writes durable.</summary>
    private WriteOptions SyncWriteOptions { get; } = new WriteOptions().SetSync(true);

    /// <summary>Bulk block writes skip the WAL (the bytes are written once, at flush, instead of twice); they become
    /// durable at the next MakeBlocksDurable, which every synced write calls first.</summary>
    private WriteOptions UnloggedWriteOptions { get; } = new WriteOptions().DisableWal(1);

    /// <summary>Block reads skip RocksDB's CRC32C of the record: every block is checked against its multihash
    /// (a stronger check of the same bytes), and the CRC pass costs as much CPU as the hash.</summary>
    public ReadOptions BlockReadOptions { get; } = new ReadOptions().SetVerifyChecksums(false);

    private FlushOptions WaitingFlushOptions { get; } = new FlushOptions().SetWaitForFlush(true);

    private FlushOptions BackgroundFlushOptions { get; } = new FlushOptions().SetWaitForFlush(false);

    private int _unlogged;

    /// <summary>Writes a batch of blocks without the WAL. Nothing written so is acknowledged before a MakeBlocksDurable.</summary>
    public void WriteUnlogged(WriteBatch batch)
    {
        Db.Write(batch, UnloggedWriteOptions);
        Volatile.Write(ref _unlogged, 1); // after the write: a concurrent MakeBlocksDurable either flushes it or sees the flag
    }

    /// <summary>Flushes the blocks memtables to synced SST/blob files when unlogged writes happened since the last call.</summary>
    public void MakeBlocksDurable()
    {
        if (Interlocked.Exchange(ref _unlogged, 0) == 0)
        {
            return;
        }

        Native.Instance.rocksdb_flush_cf(Db.Handle, WaitingFlushOptions.Handle, Blocks.Handle);
    }

    /// <summary>Starts a flush of the blocks memtables without waiting for it, so unlogged bytes reach the disk while an
    /// import goes on (and a full disk fails the import's next write instead of its commit point).</summary>
    public void StartBlocksFlush() => Native.Instance.rocksdb_flush_cf(Db.Handle, BackgroundFlushOptions.Handle, Blocks.Handle);

    /// <summary>A synced write (commit point): unlogged blocks and the packs written since the last sync first, then
    /// the batch with an fsynced WAL, so what the batch refers to (a pin's DAG, an MFS root) is on disk before it is.
    /// The batch also records the synced pack extent (PackRecovery's starting point after a power loss).</summary>
    public void WriteSynced(WriteBatch batch) => WriteAfterBlocks(batch, SyncWriteOptions);

    /// <summary>An ordered but unsynced write (a non-durable commit): like WriteSynced, the blocks it may refer to
    /// (unlogged ones, pack bytes) are made durable first, but the batch goes through the WAL without an fsync, so a
    /// power loss may drop it — never keep it while losing the blocks it refers to.</summary>
    public void WriteOrdered(WriteBatch batch) => WriteAfterBlocks(batch, WriteOptions);

    private void WriteAfterBlocks(WriteBatch batch, WriteOptions options)
    {
        var db = Db;
        MakeBlocksDurable();
        Packs.Sync(extent =>
        {
            batch.Put(RepoColumns.MetaPacksSyncedKey, PackRecovery.EncodeExtent(extent), Meta);
            db.Write(batch, options);
        });
    }

    public void PutSynced(byte[] key, byte[] value, ColumnFamilyHandle cf)
    {
        using var batch = new WriteBatch();
        batch.Put(key, value, cf);
        WriteSynced(batch);
    }

    public void RemoveSynced(byte[] key, ColumnFamilyHandle cf)
    {
        using var batch = new WriteBatch();
        batch.Delete(key, cf);
        WriteSynced(batch);
    }

    public static RepoDatabase Open(string repoPath, string dbPath, bool createIfMissing)
    {
        var options = RocksTuning.Database(createIfMissing);
        var families = new ColumnFamilies();
        foreach (var name in RepoColumns.All)
        {
            families.Add(name, name == RepoColumns.Blocks ? RocksTuning.Blocks() : RocksTuning.Small());
        }

        RocksDb db;
        try
        {
            db = RocksDb.Open(options, dbPath, families);
        }
        catch (RocksDbException e) when (IsLockError(e.Message))
        {
            throw new RepoLockedException(repoPath, ReadOwnerPid(dbPath), e);
        }
        catch (RocksDbException e)
        {
            throw new RepoException($"cannot open the RocksDB database of repo {repoPath}: {e.Message}", e);
        }

        WriteOwnerPid(dbPath);
        try
        {
            return new RepoDatabase(db, dbPath, PackStore.Open(repoPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            db.Dispose();
            throw new RepoException($"cannot open the pack files of repo {repoPath}: {e.Message}", e);
        }
    }

    private static bool IsLockError(string message) =>
        message.Contains("LOCK", StringComparison.Ordinal) || message.Contains("lock hold", StringComparison.OrdinalIgnoreCase);

    private static void WriteOwnerPid(string dbPath)
    {
        try
        {
            File.WriteAllText(Path.Combine(dbPath, OwnerPidFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // Only a hint for the "in use by pid N?" message; a read-only directory must not stop the open.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int? ReadOwnerPid(string dbPath)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(dbPath, OwnerPidFile)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>RocksDB's own estimate of the live bytes in a column family (SST data and live blob bytes, plus the
    /// memtables); cheap, approximate.</summary>
    public long EstimateLiveBytes(ColumnFamilyHandle cf) =>
        LongProperty("rocksdb.estimate-live-data-size", cf) + LongProperty("rocksdb.cur-size-all-mem-tables", cf);

    /// <summary>Compacts the blocks family with forced blob garbage collection, so the blob files that held deleted
    /// blocks are rewritten without them and removed (normal compactions never relocate blobs: blocks are written
    /// once, and rewriting them on every compaction would multiply the bytes written). Called after a GC sweep.</summary>
    public void ReclaimBlockSpace()
    {
        var native = Native.Instance;
        var options = native.rocksdb_compactoptions_create();
        try
        {
            native.rocksdb_compactoptions_set_bottommost_level_compaction(options, BottommostLevelCompactionForce);
            native.rocksdb_compactoptions_set_blob_garbage_collection_policy(options, BlobGcPolicyForce);
            native.rocksdb_compactoptions_set_blob_garbage_collection_age_cutoff(options, 1.0);
            native.rocksdb_compact_range_cf_opt(Db.Handle, Blocks.Handle, options, (byte[]?)null, UIntPtr.Zero, (byte[]?)null, UIntPtr.Zero);
        }
        finally
        {
            native.rocksdb_compactoptions_destroy(options);
        }
    }

    // rocksdb::BottommostLevelCompaction::kForce and rocksdb::BlobGarbageCollectionPolicy::kForce.
    private const byte BottommostLevelCompactionForce = 2;
    private const int BlobGcPolicyForce = 0;

    private long LongProperty(string name, ColumnFamilyHandle cf) =>
        long.TryParse(Db.GetProperty(name, cf), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public void Dispose()
    {
        if (Packs.DirtyCount > 0 && _db is not null)
        {
            // A clean close leaves nothing for PackRecovery to check at the next open.
            try
            {
                using var batch = new WriteBatch();
                WriteSynced(batch);
            }
            catch (Exception e) when (e is RocksDbException or IOException)
            {
                // The next open checks the unsynced pack blocks instead.
            }
        }

        if (Interlocked.Exchange(ref _db, null) is { } db)
        {
            db.Dispose();
            Packs.Dispose();
        }
    }
}
