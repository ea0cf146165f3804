// Finds the repository root (the folder holding IpfsMount.sln) and the built `ipfsmount` under test.
namespace IpfsMount.Cli.Tests;

internal static class RepoRoot
{
    public static string Path => IpfsMount.Testing.TestRepo.Root;

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

    /// <summary>The reference vectors folder (see TestRepo.VectorsDir).</summary>
    public static string Vectors => IpfsMount.Testing.TestRepo.VectorsDir;
}
