// The vectors' 5000-file `shard/` directory, written once per test class.
namespace IpfsMount.UnixFs.Tests;

public sealed class ShardDirectoryFixture : IDisposable
{
    internal TempDir Dir { get; } = new();

    public ShardDirectoryFixture()
    {
        Directory.CreateDirectory(Dir.Combine("shard"));
        for (int i = 0; i < 5000; i++)
        {
            string name = $"file-{i:D5}";
            File.WriteAllText(Dir.Combine("shard", name), $"content of {name}\n");
        }
    }

    public void Dispose() => Dir.Dispose();
}
