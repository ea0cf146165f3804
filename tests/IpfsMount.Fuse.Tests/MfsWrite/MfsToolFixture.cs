// One `ipfsmount mount` process for the tool tests, plus the inputs they copy in: a generated source tree (sizes
// around chunk boundaries, modes, symlinks, odd names, fixed mtimes) and a tarball of this repository's src/.
using System.Text;

namespace IpfsMount.Fuse.Tests.MfsWrite;

public sealed class MfsToolFixture : IAsyncLifetime
{
    private static readonly DateTime FixedTime = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private readonly string _work = MfsMountProcess.TempPath("ipfsmount-mfstools-");

    internal MfsMountProcess Mount { get; private set; } = null!;

    /// <summary>A read-only source tree the scripts copy from ($SRC).</summary>
    public string SourceTree => Path.Combine(_work, "source");

    /// <summary>A tarball of the repository's src/ without build outputs ($TARBALL).</summary>
    public string Tarball => Path.Combine(_work, "src.tar");

    public string Work => _work;

    public async Task InitializeAsync()
    {
        WriteSourceTree(SourceTree);
        await Shell.CheckAsync($"tar -C '{RepoRoot.Path}' --exclude=bin --exclude=obj --exclude=node_modules -cf '{Tarball}' src", TimeSpan.FromSeconds(120));
        Mount = await MfsMountProcess.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Mount is not null) await Mount.DisposeAsync();
        MfsMountProcess.TryDelete(_work);
    }

    private static void WriteSourceTree(string root)
    {
        var random = new Random(20261125);
        int[] sizes = [0, 1, 100, 4095, 4096, 4097, 65_536, 262_143, 262_144, 262_145, 700_001, 1_300_000];
        UnixFileMode[] modes =
        [
            (UnixFileMode)Convert.ToInt32("644", 8), (UnixFileMode)Convert.ToInt32("600", 8),
            (UnixFileMode)Convert.ToInt32("755", 8), (UnixFileMode)Convert.ToInt32("444", 8),
        ];
        string[] dirs = ["", "docs", "docs/deep/deeper", "bin", "empty", "names with spaces", "ünïcødé"];
        string[] fileDirs = ["", "docs", "docs/deep/deeper", "bin", "names with spaces", "ünïcødé"];
        foreach (var d in dirs) Directory.CreateDirectory(Path.Combine(root, d));
        for (var i = 0; i < sizes.Length; i++)
        {
            var path = Path.Combine(root, fileDirs[i % fileDirs.Length], $"file-{i:D2}-{sizes[i]}.bin");
            var bytes = new byte[sizes[i]];
            random.NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            File.SetUnixFileMode(path, modes[i % modes.Length]);
        }
        for (var i = 0; i < 40; i++)
        {
            var text = new StringBuilder();
            for (var line = 0; line < random.Next(1, 80); line++) text.Append($"line {line} of note {i}: {random.Next()}\n");
            File.WriteAllText(Path.Combine(root, i % 2 == 0 ? "docs" : "docs/deep", $"note {i}.txt"), text.ToString());
        }
        File.WriteAllText(Path.Combine(root, "ünïcødé", "ħéłłø wörld.txt"), "unicode names\n");
        File.WriteAllText(Path.Combine(root, "bin", "run.sh"), "#!/bin/sh\necho run\n");
        File.SetUnixFileMode(Path.Combine(root, "bin", "run.sh"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.CreateSymbolicLink(Path.Combine(root, "link-to-note"), "docs/note 0.txt");
        File.CreateSymbolicLink(Path.Combine(root, "docs", "deep", "up"), "../../bin");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "../nowhere/at/all");
        File.CreateSymbolicLink(Path.Combine(root, "absolute"), "/etc/hostname");
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(path).LinkTarget is null) File.SetLastWriteTimeUtc(path, FixedTime.AddMinutes(path.Length));
        }
    }
}
