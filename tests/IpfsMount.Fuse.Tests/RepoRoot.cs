// Finds the repository root (the directory holding IpfsMount.sln) from the test binaries.
namespace IpfsMount.Fuse.Tests;

internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IpfsMount.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"IpfsMount.sln not found above {AppContext.BaseDirectory}");
    }
}
