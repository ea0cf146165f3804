// `repo stat`: number of blocks, their bytes, the bytes the repo takes on disk (Kubo's RepoSize: every file of the repo:
// pack files, RocksDB tables and logs, config), the repo path, format version and the storage budget.
namespace IpfsMount.Storage;

public sealed record RepoStat(long BlockCount, long BlockBytes, string Path, int Version, long StorageMaxBytes, long DiskBytes = 0);
