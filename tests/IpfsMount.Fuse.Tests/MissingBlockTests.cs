// Responsiveness: reads of blocks that are not local time out with EIO and never hold up the rest of the mount.
using System.Diagnostics;
using IpfsMount.Core;
using IpfsMount.UnixFs;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Blocks;
using IpfsMount.Vfs.Dag;

namespace IpfsMount.Fuse.Tests;

public sealed class MissingBlockTests
{
    private static async Task<(MemoryBlockStore Store, Cid Dir, Cid SlowFile, byte[] Other)> ImportAsync()
    {
        var store = new MemoryBlockStore();
        var importer = new UnixFsImporter(store, ImportOptions.Kubo);
        var slow = new byte[3 * 262_144 + 10];
        var other = new byte[2 * 1024 * 1024];
        new Random(1).NextBytes(slow);
        new Random(2).NextBytes(other);
        var slowEntry = await importer.AddFileAsync(new MemoryStream(slow));
        var otherEntry = await importer.AddFileAsync(new MemoryStream(other));
        var dir = await importer.AddDirectoryAsync([("slow.bin", slowEntry.Cid, slowEntry.Size), ("other.bin", otherEntry.Cid, otherEntry.Size)]);
        return (store, dir.Cid, slowEntry.Cid, other);
    }

    [Fact]
    public async Task A_read_of_a_withheld_block_fails_with_eio_after_the_timeout_while_ls_and_other_files_keep_working()
    {
        var (store, dir, slowFile, other) = await ImportAsync();
        var withholding = new WithholdingBlockStore(store);
        var root = DagPb.Decode(await store.GetAsync(slowFile));
        foreach (var link in root.Links) withholding.Withheld.Add(link.Hash); // every leaf of slow.bin
        var source = new UnixFsSource(withholding, new VfsOptions());
        var tree = new MountRootNode(new IpfsRootNode(source), new IpnsRootNode(), new MfsRootNode(source, null));
        var log = new StringWriter();
        await using var m = await TestMount.StartAsync(tree, new VfsOptions { BlockTimeout = TimeSpan.FromSeconds(4) },
            new FuseMountOptions { ErrorLog = TextWriter.Synchronized(log) });
        var path = Path.Combine(m.Path, "ipfs", dir.ToString());

        var clock = Stopwatch.StartNew();
        var stuck = Shell.RunAsync($"cat '{path}/slow.bin' > /dev/null", TimeSpan.FromSeconds(60));
        var stuck2 = Shell.RunAsync($"dd if='{path}/slow.bin' of=/dev/null bs=4096 skip=100 count=1", TimeSpan.FromSeconds(60));
        for (var i = 0; i < 200 && withholding.Waiting == 0; i++) await Task.Delay(10);
        Assert.True(withholding.Waiting > 0, "the reads should be waiting for the withheld blocks");

        var listing = await Shell.CheckAsync($"ls -l '{path}'", TimeSpan.FromSeconds(3));
        Assert.Contains("other.bin", listing);
        Assert.Equal(other, await File.ReadAllBytesAsync(Path.Combine(path, "other.bin")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"other operations took {clock.Elapsed}");
        Assert.False(stuck.IsCompleted);

        var r = await stuck;
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Input/output error", r.Stderr);
        Assert.InRange(clock.Elapsed.TotalSeconds, 3.5, 40);
        Assert.Contains("Input/output error", (await stuck2).Stderr);
        // The mount's log says why.
        Assert.Contains("Read failed (EIO): VfsException: the blocks needed were not available within 4 s", log.ToString());
        Assert.DoesNotContain("Lookup failed", log.ToString());
    }

    [Fact]
    public async Task A_4_KiB_read_at_90_percent_of_a_large_file_touches_only_the_blocks_on_its_path()
    {
        var store = new MemoryBlockStore();
        var content = new byte[64 * 1024 * 1024];
        new Random(3).NextBytes(content);
        var file = await new UnixFsImporter(store, ImportOptions.Kubo).AddFileAsync(new MemoryStream(content));
        var counter = new CountingBlockStore(store);
        var source = new UnixFsSource(counter, new VfsOptions { ReadAheadBytes = 0 });
        var tree = new MountRootNode(new IpfsRootNode(source), new IpnsRootNode(), new MfsRootNode(source, null), () => counter.Gets);
        await using var m = await TestMount.StartAsync(tree);
        var path = Path.Combine(m.Path, "ipfs", file.Cid.ToString());
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var before = long.Parse(await Shell.CheckAsync($"getfattr --only-values -n user.ipfsmount.blocks_read '{m.Path}'"));
        var offset = content.Length / 10 * 9;
        var buffer = new byte[4096];
        Assert.Equal(4096, await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer, offset));
        Assert.Equal(content.AsSpan(offset, 4096).ToArray(), buffer);
        var touched = long.Parse(await Shell.CheckAsync($"getfattr --only-values -n user.ipfsmount.blocks_read '{m.Path}'")) - before;
        // The root is resolved at lookup; the read needs one interior node and the leaf(s) under the kernel's request.
        Assert.InRange(touched, 2, 8);
    }
}
