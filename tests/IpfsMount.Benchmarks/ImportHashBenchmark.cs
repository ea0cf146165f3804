// `import-hash <file>`: hash-only UnixFS import (Kubo profile, DiscardingBlockStore) of one file; prints
// `ours <MB/s> MB/s <cid> peakRSS <MiB> MiB` for tests/IpfsMount.Benchmarks/bench-import.sh.
using System.Diagnostics;
using System.Text.RegularExpressions;
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Benchmarks;

internal static partial class ImportHashBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: IpfsMount.Benchmarks import-hash <file> [profile]");
            return 2;
        }
        var options = args.Length > 1 ? ImportOptions.FromProfile(args[1]) : ImportOptions.Kubo;
        long size = new FileInfo(args[0]).Length;
        var importer = new UnixFsImporter(new DiscardingBlockStore(), options);
        var stopwatch = Stopwatch.StartNew();
        await using var stream = new FileStream(args[0], new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 0, Options = FileOptions.SequentialScan,
        });
        var entry = await importer.AddFileAsync(stream);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"ours {size / 1e6 / seconds:F1} MB/s {entry.Cid} peakRSS {PeakRssMiB()} MiB");
        return 0;
    }

    private static long PeakRssMiB()
    {
        var match = VmHwm().Match(File.ReadAllText("/proc/self/status"));
        return match.Success ? long.Parse(match.Groups[1].Value) / 1024 : -1;
    }

    [GeneratedRegex(@"VmHWM:\s+(\d+) kB")]
    private static partial Regex VmHwm();
}
