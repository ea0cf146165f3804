// Concurrent writers in `<mnt>/mfs` of a real mount (issue 6: "concurrent writers to different files work"): each
// thread rewrites its own file at random offsets through its own handle and checks reads against an in-memory model,
// while others create, rename and remove files in the same directory; the end state must match every model.
namespace IpfsMount.Fuse.Tests.MfsWrite;

public sealed class MfsConcurrencyTests(MfsModelTests.MountFixture fixture) : IClassFixture<MfsModelTests.MountFixture>
{
    private const int Writers = 4;
    private const int Churners = 2;
    private const int Steps = 150;

    [Fact]
    public async Task Concurrent_writers_to_different_files_and_renames_in_the_same_directory_all_keep_their_bytes()
    {
        var dir = Path.Combine(fixture.Mount.Mfs, "concurrent-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var models = new byte[Writers][];
            var churned = new List<string>[Churners];
            var tasks = new List<Task>();
            for (var w = 0; w < Writers; w++)
            {
                var id = w;
                tasks.Add(Task.Factory.StartNew(() => models[id] = RewriteOwnFile(Path.Combine(dir, $"writer-{id}.bin"), id), TaskCreationOptions.LongRunning));
            }
            for (var c = 0; c < Churners; c++)
            {
                var id = c;
                tasks.Add(Task.Factory.StartNew(() => churned[id] = Churn(dir, id), TaskCreationOptions.LongRunning));
            }
            var all = Task.WhenAll(tasks);
            Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(4))) == all, "the concurrent writers did not finish within 4 minutes");
            await all;

            for (var w = 0; w < Writers; w++)
            {
                var actual = await File.ReadAllBytesAsync(Path.Combine(dir, $"writer-{w}.bin"));
                Assert.True(models[w].SequenceEqual(actual), $"writer-{w}.bin differs from its model ({actual.Length} B, model {models[w].Length} B)");
            }
            var expected = Enumerable.Range(0, Writers).Select(w => $"writer-{w}.bin").Concat(churned.SelectMany(c => c)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));
            foreach (var name in churned.SelectMany(c => c))
                Assert.Equal(name, await File.ReadAllTextAsync(Path.Combine(dir, name)));
        }
        finally
        {
            MfsMountProcess.TryDelete(dir);
        }
    }

    /// <summary>Random pwrite/ftruncate/fsync on one handle; every read through it must match the model.</summary>
    private static byte[] RewriteOwnFile(string path, int seed)
    {
        var random = new Random(seed);
        var model = Array.Empty<byte>();
        var fd = Posix.Open(path, Posix.ReadWrite | Posix.Create | Posix.Exclusive, 420);
        Assert.True(fd >= 0, $"open {path}: {Posix.Check(fd)}");
        try
        {
            for (var step = 0; step < Steps; step++)
            {
                var roll = random.Next(10);
                if (roll < 6)
                {
                    var data = new byte[random.Next(1, 100_000)];
                    random.NextBytes(data);
                    var offset = random.Next(0, Math.Min(model.Length + 50_000, 900_000));
                    Assert.Equal("ok", Posix.PWriteAll(fd, data, offset));
                    if (offset + data.Length > model.Length) Array.Resize(ref model, offset + data.Length);
                    data.CopyTo(model, offset);
                }
                else if (roll < 7)
                {
                    var length = random.Next(0, model.Length + 10_000);
                    Assert.Equal("ok", Posix.Check(Posix.FTruncate(fd, length)));
                    Array.Resize(ref model, length);
                }
                else if (roll < 8)
                {
                    Assert.Equal("ok", Posix.Check(Posix.FSync(fd)));
                }
                else
                {
                    var buffer = new byte[model.Length + 100];
                    var n = Posix.PReadSome(fd, buffer, 0);
                    Assert.True(n == model.Length && buffer.AsSpan(0, model.Length).SequenceEqual(model),
                        $"{Path.GetFileName(path)} step {step}: read {n} B back, the model has {model.Length} B{(n == model.Length ? " (bytes differ)" : "")}");
                }
            }
        }
        finally
        {
            Posix.Close(fd);
        }
        return model;
    }

    /// <summary>Creates files through a temp name and rename, and removes some; returns the names left.</summary>
    private static List<string> Churn(string dir, int seed)
    {
        var random = new Random(100 + seed);
        var kept = new List<string>();
        for (var step = 0; step < Steps; step++)
        {
            if (kept.Count > 0 && random.Next(3) == 0)
            {
                var victim = kept[random.Next(kept.Count)];
                Assert.Equal("ok", Posix.Check(Posix.Unlink(Path.Combine(dir, victim))));
                kept.Remove(victim);
                continue;
            }
            var name = $"churn-{seed}-{step}";
            var temp = Path.Combine(dir, "." + name + ".tmp");
            File.WriteAllText(temp, name);
            Assert.Equal("ok", Posix.Check(Posix.Rename(temp, Path.Combine(dir, name))));
            kept.Add(name);
        }
        return kept;
    }
}
