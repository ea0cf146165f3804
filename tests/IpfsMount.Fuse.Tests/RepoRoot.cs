// Finds the repository root (the directory holding IpfsMount.sln) from the test binaries.
namespace IpfsMount.Fuse.Tests;

internal static class RepoRoot
{
    public static string Path => IpfsMount.Testing.TestRepo.Root;
}
