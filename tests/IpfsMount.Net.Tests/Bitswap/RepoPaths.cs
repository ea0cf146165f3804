// Paths of the repository (found by walking up to IpfsMount.sln) used by the Bitswap interop tests.
namespace IpfsMount.Net.Tests.Bitswap;

internal static class RepoPaths
{
    public static string Root => IpfsMount.Testing.TestRepo.Root;

    public static string Interop => IpfsMount.Testing.TestRepo.InteropDir;

    public static string Node => IpfsMount.Testing.TestRepo.Node;
}
