// Loads shared/vectors/vectors.json (the JS reference vectors).
using System.Text.Json;

namespace IpfsMount.Cli.Tests;

internal static class ReferenceVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoRoot.Vectors, "vectors.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary>size → CID of the file vectors of one profile (kubo-v0, kubo-v1, unixfs-v1-2025, blake3) or "trickle".</summary>
    public static IReadOnlyDictionary<int, string> FileCids(string profile)
    {
        var section = profile == "trickle" ? Root.GetProperty("trickle") : Root.GetProperty("files").GetProperty(profile);
        var result = new SortedDictionary<int, string>();
        foreach (var p in section.EnumerateObject())
        {
            if (int.TryParse(p.Name, out var size) && p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("cid", out var cid))
                result[size] = cid.GetString()!;
        }
        return result;
    }
}
