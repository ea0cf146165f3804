// A source tree on disk, imported with the UnixFs importer into a memory block store, and mounted once for the class.
using System.Security.Cryptography;
using IpfsMount.Core;
using IpfsMount.UnixFs;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Dag;

namespace IpfsMount.Fuse.Tests;

public sealed class ContentFixture : IAsyncLifetime
{
    public const string Marker = "needle-7f3a";
    public const int HamtEntries = 10_000;

    public string SourceRoot { get; } = Path.Combine(Path.GetTempPath(), "ipfsmount-src-" + Guid.NewGuid().ToString("N")[..12], "tree");
    public MemoryBlockStore Blocks { get; } = new();
    public Dictionary<string, Cid> Cids { get; } = new(StringComparer.Ordinal);
    public Cid Root { get; private set; }
    public Cid Hamt { get; private set; }
    public IReadOnlyList<string> HamtNames { get; private set; } = [];
    internal TestMount Mount { get; private set; } = null!;

    /// <summary>The mounted copy of the source tree: &lt;mount&gt;/ipfs/&lt;root cid&gt;.</summary>
    public string MountedRoot => Path.Combine(Mount.Path, "ipfs", Root.ToString());

    public string SourcePath(string relative) => Path.Combine(SourceRoot, relative);

    public async Task InitializeAsync()
    {
        WriteSourceTree();
        var importer = new UnixFsImporter(Blocks, ImportOptions.Kubo with { PreserveMode = true, PreserveMtime = true });
        var rootEntry = await importer.AddPathAsync(SourceRoot, e => Cids[e.Path] = e.Cid);
        Root = rootEntry.Cid;

        var smallFile = Cids.First(kv => kv.Key.EndsWith("small.txt", StringComparison.Ordinal)).Value;
        HamtNames = Enumerable.Range(0, HamtEntries).Select(i => $"entry-{i:D5}.txt").ToArray();
        Hamt = (await importer.AddDirectoryAsync(HamtNames.Select(n => (n, smallFile, 12UL)).ToList())).Cid;

        var source = new UnixFsSource(Blocks, new VfsOptions());
        var root = new MountRootNode(new IpfsRootNode(source), new IpnsRootNode(), new MfsRootNode(source, null));
        Mount = await TestMount.StartAsync(root);
    }

    public async Task DisposeAsync()
    {
        await Mount.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(SourceRoot)!, recursive: true);
    }

    private void WriteSourceTree()
    {
        var random = new Random(42);
        void Write(string relative, int size, string? text = null)
        {
            var path = SourcePath(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (text is not null) File.WriteAllText(path, text);
            else
            {
                var bytes = new byte[size];
                random.NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
            }
            File.SetLastWriteTimeUtc(path, new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddMinutes(random.Next(10000)));
        }
        Write("small.txt", 0, "hello world\n");
        Write("empty.bin", 0);
        Write("big.bin", 48 * 1024 * 1024 + 4321);          // two levels of links (more than 174 leaves)
        Write("docs/readme.md", 0, $"# docs\nthe {Marker} is here\n");
        Write("docs/notes.txt", 0, "nothing to see\n");
        Write("a/b/c/deep.txt", 0, $"deep {Marker}\n");
        foreach (var size in new[] { 1, 4095, 262_144, 262_145, 1_048_593 }) Write($"a/sizes/s{size}.bin", size);
        File.SetUnixFileMode(SourcePath("docs/notes.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.CreateSymbolicLink(SourcePath("a/link-to-small"), "../small.txt");
        Directory.CreateDirectory(SourcePath("emptydir"));
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
