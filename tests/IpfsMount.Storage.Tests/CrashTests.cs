// Crash safety: a child adding and pinning trees (WriteBatches and single Puts into pack files) is SIGKILLed at random
// points 20 times; after each kill the repo opens, verifies, every pin is complete, and re-adding completes.
namespace IpfsMount.Storage.Tests;

using Xunit.Abstractions;

public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_repo_killed_with_sigkill_at_random_points_always_reopens_verified_and_accepts_a_re_add()
    {
        using var dir = new TempRepo();
        using (dir.Init())
        {
        }

        var rng = new Random(20261125);
        var treesWritten = 0;
        const int kills = 20;
        for (var k = 0; k < kills; k++)
        {
            var seed = (uint)(k * 1000 + 1);
            var acknowledged = new List<string>();
            using (var child = ChildProcess.Start("write", dir.Path, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                try
                {
                    // Kill after the first tree is in, at a random point of the following ones (each ~1 MiB, 8 batches).
                    acknowledged.Add(await child.WaitForLineAsync("tree 0 ", TimeSpan.FromSeconds(30)));
                    await Task.Delay(rng.Next(0, 150));
                }
                finally
                {
                    child.Kill();
                }

                acknowledged.AddRange(child.Drain().Where(l => l.StartsWith("tree ", StringComparison.Ordinal)));
                var done = acknowledged.Count;
                treesWritten += done;
                output.WriteLine($"kill {k}: child finished {done} trees before SIGKILL");
            }

            using var repo = dir.Open();
            var report = repo.Verify();
            Assert.True(report.Ok, $"after kill {k}: {string.Join("; ", report.Corrupt.Select(c => c.Error))}");
            foreach (var pin in await BlockStoreTests.ToListAsync(repo.Pins.VerifyAsync()))
            {
                Assert.True(pin.Ok, $"after kill {k}: pin {pin.Cid} incomplete: {string.Join("; ", pin.Problems.Select(p => p.Error))}");
            }

            // Every tree whose pin returned before the kill (it printed its line after the pin's synced write) is there.
            foreach (var line in acknowledged)
            {
                var treeRoot = IpfsMount.Core.Cid.Parse(line.Split(' ')[2]);
                Assert.True(await repo.Pins.IsPinnedAsync(treeRoot) is not null, $"after kill {k}: acknowledged {line} is not pinned");
                Assert.True((await repo.Blocks.GetAsync(treeRoot)).Length > 0);
            }

            Assert.NotEmpty(WritePathTests.PackFiles(dir.Path));
            if (repo.MfsRoots.CurrentRoot is { } mfsRoot)
            {
                Assert.NotNull(await repo.Pins.IsPinnedAsync(mfsRoot));
            }

            // Re-add the tree the child was writing (or its first one) and pin it: must complete and verify.
            var root = await CrashChildProgram.WriteTreeAsync(repo, seed);
            var again = Assert.Single(await BlockStoreTests.ToListAsync(repo.Pins.VerifyAsync()), p => p.Cid == root);
            Assert.True(again.Ok);
        }

        output.WriteLine($"{kills} kills, {treesWritten} trees completed by children in total");
        using (var repo = dir.Open())
        {
            var result = await repo.Gc.CollectAsync();
            Assert.True(repo.Verify().Ok);
            output.WriteLine($"final GC removed {result.Removed.Count} unpinned blocks left by kills; kept {result.BlocksKept}");
        }
    }
}
