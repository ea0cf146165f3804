// A fresh repository made with the real `ipfsmount init`, plus a folder for inputs; deleted at dispose.
namespace IpfsMount.Cli.Tests;

internal sealed class TestRepo : IDisposable
{
    private readonly TempDir _root = new("ipfsmount-repo-");

    private TestRepo()
    {
        Repo = _root.Combine("repo");
        Files = _root.Combine("files");
        Directory.CreateDirectory(Files);
    }

    public string Repo { get; }

    public string Files { get; }

    public static async Task<TestRepo> InitAsync()
    {
        var repo = new TestRepo();
        var init = await CliRun.RunAsync(repo.Repo, "init");
        if (init.ExitCode != 0)
        {
            repo.Dispose();
            throw new InvalidOperationException("init failed: " + init);
        }
        return repo;
    }

    public string Write(string relative, byte[] content)
    {
        var full = Path.Combine(Files, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(Repo, args);

    public void Dispose() => _root.Dispose();
}
