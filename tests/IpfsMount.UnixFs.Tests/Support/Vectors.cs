// Loads /work/shared/vectors/vectors.json (made with ipfs-unixfs-importer 17.1.1; see its README).
using System.Text.Json;

namespace IpfsMount.UnixFs.Tests;

internal static class Vectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.VectorsDir, "vectors.json"))).RootElement);

    public static JsonElement Json => Root.Value;

    public static JsonElement Get(params string[] path)
    {
        var e = Json;
        foreach (var p in path) e = e.GetProperty(p);
        return e;
    }

    public static string Str(params string[] path) => Get(path).GetString()!;
}
