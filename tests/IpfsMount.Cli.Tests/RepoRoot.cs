// Finds the repository root (the folder holding IpfsMount.sln) and the built `ipfsmount` under test.
namespace IpfsMount.Cli.Tests;

internal static class RepoRoot
{
    public static string Path { get; } = Find();

    /// <summary>src/IpfsMount.Cli/bin/&lt;Configuration&gt;/net10.0/ipfsmount.dll, same configuration as this test run.</summary>
    public static string CliDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release"; // …/bin/<Configuration>/net10.0/
            var dll = System.IO.Path.Combine(Path, "src", "IpfsMount.Cli", "bin", configuration, "net10.0", "ipfsmount.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the CLI first: {dll} is missing");
        }
    }

    /// <summary>The reference vectors folder: $IPFSMOUNT_VECTORS, else the first ancestor of the root holding shared/vectors.</summary>
    public static string Vectors
    {
        get
        {
            if (Environment.GetEnvironmentVariable("IPFSMOUNT_VECTORS") is { Length: > 0 } env) return env;
            for (var dir = new DirectoryInfo(Path); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "shared", "vectors");
                if (File.Exists(System.IO.Path.Combine(candidate, "vectors.json"))) return candidate;
            }
            return "/work/shared/vectors";
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IpfsMount.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("IpfsMount.sln not found above " + AppContext.BaseDirectory);
    }
}
