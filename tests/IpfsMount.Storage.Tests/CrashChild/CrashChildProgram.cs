// Entry point used only when this test assembly runs as a child process (`dotnet IpfsMount.Storage.Tests.dll <mode>`):
// "hold <repo>" keeps the repo open; "write <repo> <seed>" adds and pins trees (in WriteBatches, or block by block as
// MFS does, alternately) until it is killed.
namespace IpfsMount.Storage.Tests;

using System.Globalization;

public static class CrashChildProgram
{
    public const int TreeFiles = 8;
    public const int TreeChunks = 8;
    public const int TreeChunkSize = 16 * 1024;

    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "hold")
        {
            using var repo = Repo.Open(args[1]);
            Console.WriteLine("holding");
            Console.Out.Flush();
            // Until the parent kills us or closes stdin; never longer than a minute.
            Task.Run(() => Console.In.ReadToEnd()).Wait(TimeSpan.FromSeconds(60));
            return 0;
        }

        if (args.Length >= 3 && args[0] == "write")
        {
            var seed = uint.Parse(args[2], CultureInfo.InvariantCulture);
            using var repo = Repo.Open(args[1]);
            Console.WriteLine("ready");
            Console.Out.Flush();
            for (uint i = 0; i < 10_000; i++)
            {
                var root = WriteTreeAsync(repo, seed + i, batched: i % 2 == 0).GetAwaiter().GetResult();
                if (i % 2 == 1)
                {
                    repo.MfsRoots.Commit(root, $"tree {i}");
                }

                Console.WriteLine($"tree {i} {root}");
                Console.Out.Flush();
            }

            return 0;
        }

        Console.Error.WriteLine("usage: IpfsMount.Storage.Tests.dll hold <repo> | write <repo> <seed>");
        return 2;
    }

    /// <summary>Adds one tree under a GC lease — in WriteBatches of 128 KiB, or with one Put per block — then pins it
    /// recursively (a synced write: the commit point of its blocks).</summary>
    public static async Task<IpfsMount.Core.Cid> WriteTreeAsync(Repo repo, uint seed, bool batched = true)
    {
        var tree = TestDag.Tree(seed, TreeFiles, TreeChunks, TreeChunkSize);
        using var lease = await repo.GcLock.EnterSharedAsync();
        if (!batched)
        {
            foreach (var (cid, data) in tree)
            {
                await repo.Blocks.PutAsync(cid, data);
            }
        }

        await using (var batch = repo.BeginBlockBatch(flushBytes: 128 * 1024))
        {
            foreach (var (cid, data) in tree)
            {
                await batch.PutAsync(cid, data); // after the Puts above, each is already there
            }
        }

        await repo.Pins.AddAsync(tree[^1].Cid);
        return tree[^1].Cid;
    }
}
