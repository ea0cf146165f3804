// Test support: the shared reference vectors (/work/shared/vectors/vectors.json, found beside the repo or via $IPFSMOUNT_VECTORS).
using System.Text.Json.Nodes;

namespace IpfsMount.Net.Tests.Support;

internal static class Vectors
{
    private static readonly Lazy<JsonObject> Root = new(() =>
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("IPFSMOUNT_VECTORS"),
            Path.Combine(RepoRoot.Path, "..", "shared", "vectors", "vectors.json"),
            Path.Combine(RepoRoot.Path, "..", "..", "shared", "vectors", "vectors.json"),
            "/work/shared/vectors/vectors.json",
        };
        foreach (var c in candidates)
            if (!string.IsNullOrEmpty(c) && File.Exists(c)) return JsonNode.Parse(File.ReadAllText(c))!.AsObject();
        throw new FileNotFoundException("reference vectors (shared/vectors/vectors.json) not found next to the repository");
    });

    public static JsonObject PeerId => Root.Value["peerId"]!.AsObject();

    public static string Get(this JsonObject o, string key) => o[key]!.GetValue<string>();
}
