// Locates the shared reference vectors (vectors.json, kubo-v1-1048577.car) for the CAR tests.
using System.Text.Json;

namespace IpfsMount.UnixFs.Tests.Car;

internal static class CarVectors
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Folder { get; } = Locate();

    private static readonly Lazy<JsonElement> Car = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "vectors.json"))).RootElement.GetProperty("car"));

    /// <summary>The "car" section of vectors.json.</summary>
    public static JsonElement Json => Car.Value;

    public static byte[] ReadCarFile() => File.ReadAllBytes(Path.Combine(Folder, Json.GetProperty("file").GetString()!));

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
