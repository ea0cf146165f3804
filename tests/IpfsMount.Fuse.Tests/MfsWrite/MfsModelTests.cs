// Model-based test of the writable `<mnt>/mfs`: seeded random sequences of file operations applied through libc to
// a directory of a real `ipfsmount mount` and to a local directory, some through handles held open across renames
// and unlinks; after every step the results (errno included) and the whole trees (names, kinds, sizes, bytes, symlink
// targets, modes) must be equal. Issue 6, "Proof".
namespace IpfsMount.Fuse.Tests.MfsWrite;

public sealed class MfsModelTests(MfsModelTests.MountFixture fixture) : IClassFixture<MfsModelTests.MountFixture>
{
    private const int Steps = 300;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_file_operations_leave_mfs_equal_to_a_local_directory_after_every_step(int seed)
    {
        var local = MfsMountProcess.TempPath("ipfsmount-model-local-");
        var mfs = Path.Combine(fixture.Mount.Mfs, $"model-{seed}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(mfs);
        var log = new List<string>();
        var generator = new FileOperationGenerator(seed);
        List<int> localHandles = [], mfsHandles = [];
        try
        {
            var tree = TreeSnapshot.Capture(local);
            for (var step = 0; step < Steps + generator.OpenSlots.Count; step++)
            {
                // the last steps close the handles still held
                var op = step < Steps ? generator.Next(tree) : new FileOperation(FileOperationKind.CloseHeld, "", Slot: generator.OpenSlots[step - Steps]);
                var expected = op.Apply(local, localHandles);
                var actual = op.Apply(mfs, mfsHandles);
                log.Add($"{step,4}: {op} => {expected}{(actual == expected ? "" : " | mfs: " + actual)}");
                if (actual != expected) Fail(seed, step, log, $"the operation returned '{actual}' in mfs but '{expected}' locally");
                tree = TreeSnapshot.Capture(local);
                var diff = TreeSnapshot.Differences(tree, Capture(mfs, seed, step, log));
                if (diff.Count > 0) Fail(seed, step, log, "the trees differ:\n  " + string.Join("\n  ", diff.Take(30)));
            }
            Assert.Equal(Steps + generator.OpenSlots.Count, log.Count);
        }
        finally
        {
            foreach (var fd in localHandles.Concat(mfsHandles).Where(fd => fd >= 0)) Posix.Close(fd);
            MfsMountProcess.TryDelete(local);
            MfsMountProcess.TryDelete(mfs);
        }
    }

    private static TreeSnapshot Capture(string root, int seed, int step, List<string> log)
    {
        try
        {
            return TreeSnapshot.Capture(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(seed, step, log, "reading the mfs tree failed: " + e.Message);
            throw;
        }
    }

    private static void Fail(int seed, int step, List<string> log, string what) =>
        Assert.Fail($"seed {seed}, step {step}: {what}\noperation log (seed {seed}):\n" + string.Join("\n", log));

    public sealed class MountFixture : IAsyncLifetime
    {
        internal MfsMountProcess Mount { get; private set; } = null!;

        public async Task InitializeAsync() => Mount = await MfsMountProcess.StartAsync();

        public async Task DisposeAsync()
        {
            if (Mount is not null) await Mount.DisposeAsync();
        }
    }
}
