// `repo stat`: number of blocks, their bytes, the repo path, format version and the storage budget.
namespace IpfsMount.Storage;

public sealed record RepoStat(long BlockCount, long BlockBytes, string Path, int Version, long StorageMaxBytes);
