// Locates and loads /work/shared/vectors/vectors.json (the JS reference vectors) for the tests.
using System.Text.Json;

namespace IpfsMount.Core.Tests;

internal static class ReferenceVectors
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The vectors folder: $IPFSMOUNT_VECTORS, else the first ancestor of the repo root holding shared/vectors.</summary>
    public static string Folder { get; } = Locate();

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "vectors.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("IPFSMOUNT_VECTORS");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(RepoRoot); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors");
            if (File.Exists(Path.Combine(candidate, "vectors.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/vectors/vectors.json not found above " + RepoRoot);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsMount.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("IpfsMount.sln not found above " + AppContext.BaseDirectory);
    }
}
