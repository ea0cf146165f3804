// Locates the repository root (the folder holding IpfsMount.sln) and the shared reference vectors.
namespace IpfsMount.UnixFs.Tests;

internal static class TestPaths
{
    public static string RepoRoot => IpfsMount.Testing.TestRepo.Root;

    /// <summary>The shared reference vectors (see TestRepo.VectorsDir).</summary>
    public static string VectorsDir => IpfsMount.Testing.TestRepo.VectorsDir;
}
