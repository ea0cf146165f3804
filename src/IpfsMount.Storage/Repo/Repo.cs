// The embedded repo: one directory holding `config`, `keystore/`, one RocksDB database (`db/`) with the blocks, pins,
// mfs and meta column families, and `packs/` with the bytes of large blocks (DESIGN.md, "RocksDB layout"). Exclusive
// per process via RocksDB's LOCK.
namespace IpfsMount.Storage;

using System.Globalization;
using System.Text;
using IpfsMount.Core;

public sealed class Repo : IDisposable
{
    /// <summary>Format version written to meta/version; Open refuses any other.</summary>
    public const int FormatVersion = 1;
    public const string DatabaseDirectory = "db";
    public const long DefaultBatchFlushBytes = 8L * 1024 * 1024;

    private readonly RepoDatabase _db;
    private readonly RocksBlockStore _store;
    private readonly CachingBlockStore _cache;
    private bool _disposed;

    private Repo(string path, RepoDatabase db, RepoConfig config)
    {
        Path = path;
        _db = db;
        Config = config;
        _store = new RocksBlockStore(db);
        _cache = new CachingBlockStore(_store, config.BlockCacheBytes);
        GcLock = new GcLock();
        Pins = new PinSet(db, _cache, GcLock);
        Keys = new KeyStore(path);
        MfsRoots = new MfsRootStore(db);
        Gc = new GarbageCollector(_store, _cache, Pins, MfsRoots, GcLock);
    }

    /// <summary>$IPFSMOUNT_PATH, else ~/.ipfsmount.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("IPFSMOUNT_PATH") is { Length: > 0 } env
            ? env
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ipfsmount");

    public string Path { get; }

    /// <summary>The block store everybody uses: memory cache over RocksDB, every disk read hash-checked.</summary>
    public IBlockStore Blocks => _cache;

    /// <summary>The cache decorator itself (statistics, eviction).</summary>
    public CachingBlockStore BlockCache => _cache;

    /// <summary>The RocksDB block store under the cache.</summary>
    public RocksBlockStore LocalBlocks => _store;

    public PinSet Pins { get; }
    public KeyStore Keys { get; }
    public RepoConfig Config { get; private set; }
    public GarbageCollector Gc { get; }
    public MfsRootStore MfsRoots { get; }

    /// <summary>Writers hold it shared from their first Put until the data is pinned / in an MFS root; GC takes it exclusively.</summary>
    public GcLock GcLock { get; }

    /// <summary>True when <paramref name="path"/> holds an initialised repo (config and database).</summary>
    public static bool Exists(string path) =>
        File.Exists(System.IO.Path.Combine(path, RepoConfig.FileName))
        && Directory.Exists(System.IO.Path.Combine(path, DatabaseDirectory));

    /// <summary>Creates a repo: directory (0700), config with defaults, keystore with the `self` identity, database.
    /// The meta/version record is written last, so a crash during init leaves a repo that Open reports as incomplete.</summary>
    public static Repo Init(string path, RepoInitOptions? options = null)
    {
        options ??= new RepoInitOptions();
        path = System.IO.Path.GetFullPath(path);
        if (Exists(path))
        {
            throw new RepoException($"a repo already exists at {path}; use it, or remove it to start over");
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new RepoException($"cannot init a repo at {path}: the directory is not empty");
        }

        CreatePrivateDirectory(path);
        var config = options.Config ?? RepoConfig.CreateDefault();
        KeyStore.CreateDirectory(path);
        var keys = new KeyStore(path);
        if (options.IdentitySeed is { } seed)
        {
            keys.Create(KeyStore.SelfName, seed);
        }
        else
        {
            keys.Generate(KeyStore.SelfName);
        }

        config.Save(path);
        var db = RepoDatabase.Open(path, System.IO.Path.Combine(path, DatabaseDirectory), createIfMissing: true);
        try
        {
            using var batch = new RocksDbSharp.WriteBatch();
            batch.Put(RepoColumns.MetaCreatedKey, Encoding.ASCII.GetBytes(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)), db.Meta);
            batch.Put(RepoColumns.MetaVersionKey, Encoding.ASCII.GetBytes(FormatVersion.ToString(CultureInfo.InvariantCulture)), db.Meta);
            db.WriteSynced(batch);
            return new Repo(path, db, config);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Opens an initialised repo. Throws RepoNotFoundException, RepoLockedException (another process has it
    /// open: talk to its daemon), RepoException (incomplete or newer format) or RepoConfigException.</summary>
    public static Repo Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(path))
        {
            throw new RepoNotFoundException(path, "the directory does not exist");
        }

        if (!File.Exists(System.IO.Path.Combine(path, RepoConfig.FileName)))
        {
            throw new RepoNotFoundException(path, "it has no `config` file");
        }

        var dbPath = System.IO.Path.Combine(path, DatabaseDirectory);
        if (!Directory.Exists(dbPath))
        {
            throw new RepoNotFoundException(path, "it has no `db` directory");
        }

        var config = RepoConfig.Load(path);
        var db = RepoDatabase.Open(path, dbPath, createIfMissing: false);
        try
        {
            CheckVersion(path, db);
            PackRecovery.Recover(db);
            return new Repo(path, db, config);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Opens the repo at <paramref name="path"/>, creating it first when there is none.</summary>
    public static Repo OpenOrInit(string path, RepoInitOptions? options = null) =>
        Exists(path) ? Open(path) : Init(path, options);

    /// <summary>An IBlockStore that writes in RocksDB WriteBatches of about <paramref name="flushBytes"/>; dispose
    /// (or Flush) it before pinning what it wrote.</summary>
    public BlockWriteBatch BeginBlockBatch(long flushBytes = DefaultBatchFlushBytes) => new(_store, _cache, flushBytes);

    /// <summary>Replaces the config (validated, written atomically). Some settings apply at the next open.</summary>
    public void SaveConfig(RepoConfig config)
    {
        config.Save(Path);
        Config = config;
    }

    /// <summary>Approximate bytes of block data: RocksDB's statistics plus the pack files (no scan); for the GC watermark.</summary>
    public long EstimatedBlockBytes => _db.EstimateLiveBytes(_db.Blocks) + _db.Packs.TotalBytes;

    /// <summary>Bytes of the pack files holding large blocks (live blocks and not yet reclaimed garbage).</summary>
    public long PackBytes => _db.Packs.TotalBytes;

    /// <summary>True when StorageMaxBytes is set and the block bytes passed GcWatermarkPercent of it (the daemon's cue
    /// for an automatic GC).</summary>
    public bool IsAboveGcWatermark() =>
        Config.StorageMaxBytes > 0 && EstimatedBlockBytes >= Config.StorageMaxBytes / 100 * Config.GcWatermarkPercent;

    /// <summary>`repo stat`: exact block count and bytes by a key scan (values are not copied).</summary>
    public RepoStat Stat()
    {
        long count = 0;
        long bytes = 0;
        foreach (var block in _store.Scan(verify: false))
        {
            count++;
            bytes += block.Length;
        }

        return new RepoStat(count, bytes, Path, FormatVersion, Config.StorageMaxBytes, DiskBytes(Path));
    }

    /// <summary>Sizes of every file under the repo directory (files that vanish while we look — a compaction or a GC
    /// retiring a pack — are skipped).</summary>
    private static long DiskBytes(string path)
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
                // removed since it was listed
            }
        }

        return total;
    }

    /// <summary>`repo verify`: re-hashes every stored block (bypassing the cache) and reports the corrupt ones.</summary>
    public RepoVerifyReport Verify(CancellationToken ct = default)
    {
        long checkedCount = 0;
        var corrupt = new List<PinProblem>();
        foreach (var scanned in _store.Scan(verify: true))
        {
            ct.ThrowIfCancellationRequested();
            var block = scanned;
            if (block is { IsMalformed: false, HashMatches: false, Pack: not null })
            {
                // Moved or deleted by a concurrent GC after the scan's snapshot? Judge the entry as it is now.
                if (_store.Recheck(block.Key) is not { } now)
                {
                    continue;
                }

                block = now;
            }

            checkedCount++;
            if (block.IsMalformed)
            {
                corrupt.Add(new PinProblem(block.Cid, $"record under key {Convert.ToHexStringLower(block.Key)} is malformed (bad multihash key or codec prefix)"));
            }
            else if (!block.HashMatches)
            {
                corrupt.Add(new PinProblem(block.Cid, new BlockCorruptException(block.Cid).Message));
            }
        }

        return new RepoVerifyReport(checkedCount, corrupt);
    }

    private static void CheckVersion(string path, RepoDatabase db)
    {
        var value = db.Db.Get(RepoColumns.MetaVersionKey, db.Meta);
        if (value is null)
        {
            throw new RepoException($"repo at {path} is incomplete (init was interrupted?); remove it and run `ipfsmount init` again");
        }

        var text = Encoding.ASCII.GetString(value);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != FormatVersion)
        {
            throw new RepoException($"repo at {path} has format version {text}; this ipfsmount reads version {FormatVersion} only");
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, KeyStore.DirMode);
    }

    /// <summary>Internal access for tests that must write raw RocksDB records (corruption tests).</summary>
    internal RepoDatabase Database => _db;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _cache.Dispose();
        _db.Dispose();
    }
}
