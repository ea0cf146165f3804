// `store-put [MiB] [dir]`: puts distinct, pre-hashed 256 KiB blocks into a fresh repo (bulk batch path, then the
// ordinary PutAsync path, each up to its durability point) and appends the same bytes to a file with one fdatasync.
using System.Diagnostics;
using IpfsMount.Core;
using IpfsMount.Storage;

namespace IpfsMount.Benchmarks;

internal static class StorePutBenchmark
{
    private const int BlockSize = 256 * 1024;
    private static readonly int SettleMs = int.TryParse(Environment.GetEnvironmentVariable("SETTLE_MS"), out var ms) ? ms : 15000;

    public static async Task<int> RunAsync(string[] args)
    {
        var mib = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1024;
        var root = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "store-put-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        try
        {
            var count = mib * 1024 * 1024 / BlockSize;
            var bytes = new byte[(long)count * BlockSize];
            new Random(42).NextBytes(bytes);
            var blocks = new (Cid Cid, ReadOnlyMemory<byte> Data)[count];
            for (var i = 0; i < count; i++)
            {
                var data = bytes.AsMemory(i * BlockSize, BlockSize);
                blocks[i] = (Cid.Create(1, Multicodec.Raw, Multihash.Compute(data.Span)), data);
            }

            Console.WriteLine($"{mib} MiB in {count} blocks of {BlockSize / 1024} KiB; load {File.ReadAllText("/proc/loadavg").Trim()}");
            var file = Report("raw append + fdatasync", mib, () => RawAppend(Path.Combine(root, "raw.bin"), blocks));
            var bulk = Report("repo bulk batch + synced commit", mib, () => Bulk(Path.Combine(root, "bulk"), blocks));
            var single = Report("repo PutAsync + synced commit", mib, () => Single(Path.Combine(root, "single"), blocks));
            Report("raw append + fdatasync (again)", mib, () => RawAppend(Path.Combine(root, "raw2.bin"), blocks));
            Console.WriteLine($"bulk / raw time {bulk / file:F2}x, PutAsync / raw time {single / file:F2}x");
            await Task.CompletedTask;
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Report(string name, int mib, Action run)
    {
        Thread.Sleep(SettleMs); // let the disk (and its host cache) finish the previous run
        var sw = Stopwatch.StartNew();
        run();
        var s = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-32} {s,7:F2} s {mib / s,8:F0} MiB/s");
        return s;
    }

    private static void RawAppend(string path, (Cid Cid, ReadOnlyMemory<byte> Data)[] blocks)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write);
        long offset = 0;
        foreach (var (_, data) in blocks)
        {
            RandomAccess.Write(handle, data.Span, offset);
            offset += data.Length;
        }

        RandomAccess.FlushToDisk(handle);
    }

    private static void Bulk(string path, (Cid Cid, ReadOnlyMemory<byte> Data)[] blocks)
    {
        using var repo = Repo.Init(path);
        using (var batch = repo.BeginBlockBatch())
        {
            foreach (var (cid, data) in blocks)
            {
                batch.PutAsync(cid, data).GetAwaiter().GetResult();
            }
        }

        repo.MfsRoots.SetCurrentRoot(blocks[^1].Cid); // a synced write: the durability point of what was put
    }

    private static void Single(string path, (Cid Cid, ReadOnlyMemory<byte> Data)[] blocks)
    {
        using var repo = Repo.Init(path);
        foreach (var (cid, data) in blocks)
        {
            repo.Blocks.PutAsync(cid, data).GetAwaiter().GetResult();
        }

        repo.MfsRoots.SetCurrentRoot(blocks[^1].Cid); // a synced write: the durability point of what was put
    }
}
