// Thrown when a repo's RocksDB LOCK is held by another process (or another open Repo in this process).
namespace IpfsMount.Storage;

public sealed class RepoLockedException : Exception
{
    public RepoLockedException(string path, int? pid, Exception? inner = null)
        : base($"repo at {path} is in use by another process (pid {(pid is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}?); talk to the running daemon or stop it", inner)
    {
        RepoPath = path;
        HolderPid = pid;
    }

    public string RepoPath { get; }

    /// <summary>The pid recorded by the last process that opened the repo; a hint, not a proof.</summary>
    public int? HolderPid { get; }
}
