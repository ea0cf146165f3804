// Finds the repository root (the directory holding IpfsMount.sln) from the test binaries, and the shared vectors.
namespace IpfsMount.Storage.Tests;

using System.Text.Json;

internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IpfsMount.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IpfsMount.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>vectors.json from ../shared/vectors next to the repository root (or /work/shared/vectors).</summary>
    public static JsonElement Vectors()
    {
        var candidates = new[]
        {
            Path.Combine(Find(), "..", "shared", "vectors", "vectors.json"),
            Path.Combine(Find(), "..", "..", "shared", "vectors", "vectors.json"),
            "/work/shared/vectors/vectors.json",
        };
        var file = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("shared/vectors/vectors.json not found next to the repository");
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.Clone();
    }
}
