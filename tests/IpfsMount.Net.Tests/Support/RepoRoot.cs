// Test support: finds the repository root by walking up from the test binaries to IpfsMount.sln.
namespace IpfsMount.Net.Tests.Support;

internal static class RepoRoot
{
    public static string Path => IpfsMount.Testing.TestRepo.Root;

    public static string InteropDir => IpfsMount.Testing.TestRepo.InteropDir;

    public static string Node => IpfsMount.Testing.TestRepo.Node;
}
