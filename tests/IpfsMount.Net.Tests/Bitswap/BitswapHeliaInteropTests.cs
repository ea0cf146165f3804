// Bitswap interop with Helia (tests/interop/bitswap-peer.mjs on the pinned Node 22, 127.0.0.1 only):
// a 50 MB file and a directory tree both ways, and a corrupt peer next to a Helia peer.
using System.Security.Cryptography;
using System.Text.Json;
using IpfsMount.Core;
using IpfsMount.Testing;

namespace IpfsMount.Net.Tests.Bitswap;

public sealed class BitswapHeliaInteropTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(120);

    private static Task<JsonLinePeer> StartHeliaAsync() =>
        JsonLinePeer.StartAsync(RepoPaths.Node, ["bitswap-peer.mjs"], RepoPaths.Interop, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task A_50_MB_file_goes_from_Helia_to_us_and_from_us_to_another_Helia()
    {
        var dir = Directory.CreateTempSubdirectory("bitswap-interop-");
        try
        {
            var content = InputGenerator.Generate(50_000_000, 1);
            var path = Path.Combine(dir.FullName, "file.bin");
            await File.WriteAllBytesAsync(path, content);
            var sha = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

            await using var heliaA = await StartHeliaAsync();
            await using var heliaB = await StartHeliaAsync();
            await using var us = await BitswapHostNode.StartAsync();
            var cid = Cid.Parse((await heliaA.CommandAsync(new { cmd = "add-file", path }, Step)).GetProperty("cid").GetString()!);
            using var cts = new CancellationTokenSource(Step);

            await us.Host.DialAsync(Addressing.Multiaddress.Parse(heliaA.Addr), cts.Token);
            var (blocks, _) = await us.Store.FetchDagAsync(cid, cts.Token);
            Assert.Equal((sha, (long)content.Length), await UnixFsTestReader.HashFileAsync(us.Local, cid));
            Assert.Equal(191 + 2 + 1, blocks); // 50,000,000 / 262,144 → 191 leaves, 2 parents (174 links), 1 root

            await heliaB.CommandAsync(new { cmd = "dial", addr = us.Address.ToString() }, Step);
            var fetched = await heliaB.CommandAsync(new { cmd = "fetch", cid = cid.ToString() }, Step);
            Assert.Equal(sha, fetched.GetProperty("sha256").GetString());
            Assert.Equal(content.Length, fetched.GetProperty("size").GetInt64());
            Assert.True(us.Exchange.Server.BlocksSent >= blocks);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_directory_tree_goes_from_Helia_to_us_and_from_us_to_another_Helia()
    {
        var dir = Directory.CreateTempSubdirectory("bitswap-interop-");
        try
        {
            var root = Path.Combine(dir.FullName, "root");
            Directory.CreateDirectory(Path.Combine(root, "b"));
            Directory.CreateDirectory(Path.Combine(root, "d1", "d2", "d3"));
            Directory.CreateDirectory(Path.Combine(root, "e"));
            await File.WriteAllTextAsync(Path.Combine(root, "a.txt"), "hello\n");
            await File.WriteAllBytesAsync(Path.Combine(root, "b", "c.bin"), InputGenerator.Generate(100000, 7));
            await File.WriteAllBytesAsync(Path.Combine(root, "b", "big.bin"), InputGenerator.Generate(3_000_000, 3));
            await File.WriteAllTextAsync(Path.Combine(root, "d1", "d2", "d3", "f.txt"), "deep\n");
            var expected = new SortedDictionary<string, (string, long)>(StringComparer.Ordinal);
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(f);
                expected["/" + Path.GetRelativePath(root, f).Replace('\\', '/')] = (Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), bytes.Length);
            }

            await using var heliaA = await StartHeliaAsync();
            await using var heliaB = await StartHeliaAsync();
            await using var us = await BitswapHostNode.StartAsync();
            var cid = Cid.Parse((await heliaA.CommandAsync(new { cmd = "add-dir", path = root }, Step)).GetProperty("cid").GetString()!);
            using var cts = new CancellationTokenSource(Step);

            await us.Host.DialAsync(Addressing.Multiaddress.Parse(heliaA.Addr), cts.Token);
            await us.Store.FetchDagAsync(cid, cts.Token);
            Assert.Equal(expected, await UnixFsTestReader.ReadTreeAsync(us.Local, cid));

            await heliaB.CommandAsync(new { cmd = "dial", addr = us.Address.ToString() }, Step);
            var fetched = await heliaB.CommandAsync(new { cmd = "fetch", cid = cid.ToString() }, Step);
            Assert.Equal("dir", fetched.GetProperty("kind").GetString());
            var got = new SortedDictionary<string, (string, long)>(StringComparer.Ordinal);
            foreach (var f in fetched.GetProperty("files").EnumerateArray())
                got[f.GetProperty("path").GetString()!] = (f.GetProperty("sha256").GetString()!, f.GetProperty("size").GetInt64());
            Assert.Equal(expected, got);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_a_corrupt_peer_and_a_Helia_peer_the_file_comes_intact_from_Helia()
    {
        var dir = Directory.CreateTempSubdirectory("bitswap-interop-");
        try
        {
            var content = InputGenerator.Generate(2_000_000, 5);
            var path = Path.Combine(dir.FullName, "file.bin");
            await File.WriteAllBytesAsync(path, content);
            await using var helia = await StartHeliaAsync();
            var cid = Cid.Parse((await helia.CommandAsync(new { cmd = "add-file", path }, Step)).GetProperty("cid").GetString()!);

            // The corrupt peer is one of ours that has the same DAG (fetched from Helia) but serves flipped bytes.
            await using var source = await BitswapHostNode.StartAsync();
            using var cts = new CancellationTokenSource(Step);
            await source.Host.DialAsync(Addressing.Multiaddress.Parse(helia.Addr), cts.Token);
            await source.Store.FetchDagAsync(cid, cts.Token);
            await using var bad = await BitswapHostNode.StartAsync(served: new CorruptingBlockStore(source.Local));
            await using var us = await BitswapHostNode.StartAsync();

            await us.Host.DialAsync(bad.Address, cts.Token);
            var fetch = us.Store.FetchDagAsync(cid, cts.Token);
            await BitswapExchangeTests.WaitUntil(() => us.Exchange.Client.IsBanned(bad.Host.Id.ToString()));
            await us.Host.DialAsync(Addressing.Multiaddress.Parse(helia.Addr), cts.Token);
            await fetch.WaitAsync(cts.Token);

            Assert.Equal((Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), (long)content.Length),
                await UnixFsTestReader.HashFileAsync(us.Local, cid));
            Assert.True(us.Exchange.Client.BadBlocksReceived >= 1);
            Assert.Equal(helia.PeerId, Assert.Single(us.Store.Session.BlocksByPeer).Key);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
