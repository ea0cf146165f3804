// Locates the repository root (the folder holding IpfsMount.sln) and the shared reference vectors.
namespace IpfsMount.UnixFs.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>/work/shared/vectors: the sibling `shared/vectors` of the repository's parent chain.</summary>
    public static string VectorsDir { get; } = FindVectors();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsMount.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"IpfsMount.sln not found above {AppContext.BaseDirectory}");
    }

    private static string FindVectors()
    {
        for (var dir = new DirectoryInfo(RepoRoot); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "vectors", "vectors.json");
            if (File.Exists(candidate)) return Path.GetDirectoryName(candidate)!;
        }
        throw new InvalidOperationException($"shared/vectors/vectors.json not found above {RepoRoot}");
    }
}
