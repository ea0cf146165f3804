// Profiling harness for the us<->us Bitswap path (bench-bitswap.sh measures the real thing against Helia): two of
// our nodes in one process on loopback, one holding an imported file (kubo-v1 layout), the other fetching its DAG.
// Prints MB/s and the CPU time per MiB of both sides together (what bounds throughput on a loaded machine).
using System.Diagnostics;
using IpfsMount.Core;
using IpfsMount.Net.Addressing;
using IpfsMount.Net.Bitswap;
using IpfsMount.Net.Host;
using IpfsMount.Net.Identity;
using IpfsMount.UnixFs;

namespace IpfsMount.Benchmarks;

public static class BitswapPairBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMiB = args.Length > 1 ? int.Parse(args[1]) : 64;
        var rounds = args.Length > 2 ? int.Parse(args[2]) : 3;
        var source = new MemoryBlockStore();
        var content = new byte[sizeMiB * 1024L * 1024L];
        new Random(1).NextBytes(content);
        var root = (await new UnixFsImporter(source, ImportOptions.KuboV1).AddFileAsync(new MemoryStream(content))).Cid;
        content = [];

        await using var serverHost = new Libp2pHost(PeerIdentity.Generate(), new Libp2pHostOptions { ListenAddresses = [] });
        var addr = (await serverHost.ListenAsync(Multiaddress.Parse("/ip4/127.0.0.1/tcp/0"))).WithPeerId(serverHost.Id);
        using var serverNetwork = new Libp2pBitswapNetwork(serverHost);
        await using var server = new BitswapExchange(serverNetwork, source);
        Console.WriteLine($"{sizeMiB} MiB file {root}; {Environment.ProcessorCount} cores (shared with other work)");
        for (var round = 0; round < rounds; round++)
        {
            await using var clientHost = new Libp2pHost(PeerIdentity.Generate(), new Libp2pHostOptions { ListenAddresses = [] });
            using var clientNetwork = new Libp2pBitswapNetwork(clientHost);
            var local = new MemoryBlockStore();
            await using var client = new BitswapExchange(clientNetwork, local);
            using var store = new BitswapBlockStore(local, client);
            await clientHost.DialAsync(addr);
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var gcs = GC.CollectionCount(0);
            var sw = Stopwatch.StartNew();
            var (blocks, bytes) = await store.FetchDagAsync(root);
            sw.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"round {round}: {blocks} blocks, {bytes / sw.Elapsed.TotalSeconds / 1e6:0.0} MB/s, " +
                $"CPU {cpuMs / sizeMiB:0.00} ms/MiB (both sides), gen0 GCs {GC.CollectionCount(0) - gcs}");
        }
        return 0;
    }
}
