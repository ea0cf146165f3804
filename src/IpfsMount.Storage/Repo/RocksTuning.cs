// RocksDB options of a repo: the blocks family holds index records of pack blocks and inline blocks < 4 KiB (DESIGN.md,
// "Write path"); blob files stay enabled for the large inline values of repos written before pack files.
namespace IpfsMount.Storage;

using RocksDbSharp;

internal static class RocksTuning
{
    /// <summary>Block values at least this long go to blob files; smaller ones (directory nodes, roots) stay inline.</summary>
    public const ulong MinBlobBytes = 4 * 1024;

    public const ulong BlobFileBytes = 256L * 1024 * 1024;
    public const ulong BlockWriteBufferBytes = 64L * 1024 * 1024;
    public const int BlockWriteBuffers = 4;
    public const int BackgroundJobs = 2;

    public static DbOptions Database(bool createIfMissing)
    {
        var options = new DbOptions()
            .SetCreateIfMissing(createIfMissing)
            .SetCreateMissingColumnFamilies(true)
            .SetParanoidChecks(true)
            .SetMaxOpenFiles(512);
        // One flush and one compaction can run at once; the default pool of one low-priority thread would
        // serialise them and stall writers behind a compaction.
        Native.Instance.rocksdb_options_set_max_background_jobs(options.Handle, BackgroundJobs);
        return options;
    }

    /// <summary>The `blocks` family. Values are already-hashed, mostly incompressible bytes that are written once
    /// and read by point lookups, so: no compression (it only burns CPU), values in blob files (written once at
    /// flush, never rewritten by compaction of the keys; a GC sweep reclaims the space of deleted blocks), a bloom
    /// filter so Has/Put of a missing block skips the SSTs, and write buffers large and numerous enough that a
    /// flush in progress does not stop the writer.</summary>
    public static ColumnFamilyOptions Blocks()
    {
        var table = new BlockBasedTableOptions().SetFilterPolicy(BloomFilterPolicy.Create(10, false));
        var cf = new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            .SetCompression(Compression.No)
            .SetWriteBufferSize(BlockWriteBufferBytes)
            .SetMaxWriteBufferNumber(BlockWriteBuffers);
        var native = Native.Instance;
        native.rocksdb_options_set_enable_blob_files(cf.Handle, 1);
        native.rocksdb_options_set_min_blob_size(cf.Handle, MinBlobBytes);
        native.rocksdb_options_set_blob_file_size(cf.Handle, BlobFileBytes);
        native.rocksdb_options_set_blob_compression_type(cf.Handle, (int)Compression.No);
        // Blob GC stays off in ordinary compactions: it would relocate (rewrite) the live blobs of the oldest files
        // on every compaction. A GC sweep forces one blob-GC compaction instead (RepoDatabase.ReclaimBlockSpace).
        native.rocksdb_options_set_enable_blob_gc(cf.Handle, 0);
        return cf;
    }

    /// <summary>pins, mfs, meta: small records, default options.</summary>
    public static ColumnFamilyOptions Small() => new();
}
