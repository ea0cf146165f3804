// The one RocksDB database of a repo: opens it with its column families and turns a held LOCK into RepoLockedException.
namespace IpfsMount.Storage;

using System.Globalization;
using RocksDbSharp;

internal sealed class RepoDatabase : IDisposable
{
    private const string OwnerPidFile = "db.pid";

    private RocksDb? _db;

    private RepoDatabase(RocksDb db, string dbPath)
    {
        _db = db;
        DbPath = dbPath;
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

    /// <summary>Writes are not fsynced one by one: a process crash loses nothing (the WAL is in the OS),
    /// and a power loss loses at most a tail of whole batches, never part of one.</summary>
    public WriteOptions WriteOptions { get; } = new WriteOptions();

    /// <summary>Synced writes, for the few that must be durable before we answer (pins, MFS roots, init).</summary>
    public WriteOptions SyncWriteOptions { get; } = new WriteOptions().SetSync(true);

    public static RepoDatabase Open(string repoPath, string dbPath, bool createIfMissing)
    {
        var options = new DbOptions()
            .SetCreateIfMissing(createIfMissing)
            .SetCreateMissingColumnFamilies(true)
            .SetParanoidChecks(true)
            .SetMaxOpenFiles(512);
        var families = new ColumnFamilies();
        foreach (var name in RepoColumns.All)
        {
            var cf = new ColumnFamilyOptions();
            if (name == RepoColumns.Blocks)
            {
                // Large values, point lookups: bloom filter on keys so Has/Put of a missing block is cheap.
                var table = new BlockBasedTableOptions().SetFilterPolicy(BloomFilterPolicy.Create(10, false));
                cf.SetBlockBasedTableFactory(table);
            }
            families.Add(name, cf);
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
        return new RepoDatabase(db, dbPath);
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

    /// <summary>RocksDB's own estimate of the live bytes in a column family (SST data + memtables); cheap, approximate.</summary>
    public long EstimateLiveBytes(ColumnFamilyHandle cf)
    {
        long total = 0;
        foreach (var property in new[] { "rocksdb.estimate-live-data-size", "rocksdb.cur-size-all-mem-tables" })
        {
            if (long.TryParse(Db.GetProperty(property, cf), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                total += v;
            }
        }

        return total;
    }

    public void Dispose() => Interlocked.Exchange(ref _db, null)?.Dispose();
}
