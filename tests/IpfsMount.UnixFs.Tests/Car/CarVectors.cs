// Locates the shared reference vectors (vectors.json, kubo-v1-1048577.car) for the CAR tests.
using System.Text.Json;

namespace IpfsMount.UnixFs.Tests.Car;

internal static class CarVectors
{
    public static string RepoRoot => IpfsMount.Testing.TestRepo.Root;

    public static string Folder => IpfsMount.Testing.TestRepo.VectorsDir;

    private static readonly Lazy<JsonElement> Car = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "vectors.json"))).RootElement.GetProperty("car"));

    /// <summary>The "car" section of vectors.json.</summary>
    public static JsonElement Json => Car.Value;

    public static byte[] ReadCarFile() => File.ReadAllBytes(Path.Combine(Folder, Json.GetProperty("file").GetString()!));
}
