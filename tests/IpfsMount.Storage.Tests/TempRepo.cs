// A repo directory under the temp dir, deleted on dispose; tests get a real RocksDB each.
namespace IpfsMount.Storage.Tests;

internal sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ipfsmount-storage-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public Repo Init(RepoInitOptions? options = null) => Repo.Init(Path, options);

    public Repo Open() => Repo.Open(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
