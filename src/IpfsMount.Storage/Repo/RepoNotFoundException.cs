// Thrown when Repo.Open finds no initialised repo at the given path.
namespace IpfsMount.Storage;

public sealed class RepoNotFoundException(string path, string detail)
    : Exception($"no ipfsmount repo at {path} ({detail}); run `ipfsmount init` first or set IPFSMOUNT_PATH")
{
    public string RepoPath { get; } = path;
}
