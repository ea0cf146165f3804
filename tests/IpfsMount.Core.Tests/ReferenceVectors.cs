// Locates and loads /work/shared/vectors/vectors.json (the JS reference vectors) for the tests.
using System.Text.Json;

namespace IpfsMount.Core.Tests;

internal static class ReferenceVectors
{
    public static string RepoRoot => IpfsMount.Testing.TestRepo.Root;

    /// <summary>The vectors folder: $IPFSMOUNT_VECTORS, else the first ancestor of the repo root holding shared/vectors.</summary>
    public static string Folder => IpfsMount.Testing.TestRepo.VectorsDir;

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "vectors.json"))));

    public static JsonElement Root => Document.Value.RootElement;
}
