// Entry point of the benchmark runner: `dotnet run -c Release --project tests/IpfsMount.Benchmarks -- <name> [args]`.
namespace IpfsMount.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "bitswap" or "bitswap-node")
            return BitswapBenchmark.RunAsync(args).GetAwaiter().GetResult();
        if (args.Length > 0 && args[0] == "bitswap-pair") return BitswapPairBenchmark.RunAsync(args).GetAwaiter().GetResult();
        if (args.Length > 0 && args[0] == "store-put") return StorePutBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        if (args.Length > 0 && args[0] == "import-hash") return ImportHashBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        Console.Error.WriteLine("usage: IpfsMount.Benchmarks <benchmark> [args] (bitswap, bitswap-node, bitswap-pair [MiB] [rounds], import-hash <file> [profile], store-put [MiB] [dir])");
        return args.Length == 0 ? 2 : 1;
    }
}
