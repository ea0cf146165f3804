// Finds the repository root (the directory holding IpfsMount.sln) from the test binaries, and the shared vectors.
namespace IpfsMount.Storage.Tests;

using System.Text.Json;

internal static class RepoRoot
{
    public static string Find() => IpfsMount.Testing.TestRepo.Root;

    /// <summary>vectors.json from the shared reference vectors (see TestRepo.VectorsDir).</summary>
    public static JsonElement Vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(IpfsMount.Testing.TestRepo.VectorsDir, "vectors.json")));
        return doc.RootElement.Clone();
    }
}
