// HAMT-sharded directories inside MFS: a directory switches to a shard above the importer's size estimate and back
// below it, snapshots equal `add -r` of the same tree on disk, and a change re-encodes only its shard path.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs.Tests;

public sealed class ShardedDirectoryTests
{
    // Kubo v0: each entry "file-NNNNN" adds 10 name bytes + 34 CID bytes = 44 to the estimate;
    // 44 × 5957 = 262,108 ≤ 262,144 < 44 × 5958 = 262,152.
    private const int LastFlatCount = 5957;

    [Fact]
    public async Task Crossing_the_threshold_both_ways_switches_between_plain_and_sharded_with_the_importer_cids()
    {
        using var disk = new DiskMirror();
        await using var tree = await Trees.NewAsync(layout: MfsLayout.KuboV0);
        await tree.MkdirAsync("/d");
        for (int i = 0; i < LastFlatCount; i++) await disk.WriteAsync(tree, "d", Name(i), Content(i));

        var flat = await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo);
        Assert.Equal(UnixFsDataType.Directory, await TypeOfAsync(tree, flat));

        await disk.WriteAsync(tree, "d", Name(LastFlatCount), Content(LastFlatCount));
        var sharded = await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo);
        Assert.Equal(UnixFsDataType.HamtShard, await TypeOfAsync(tree, sharded));

        await disk.RemoveAsync(tree, "d", Name(17));
        var back = await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo);
        Assert.Equal(UnixFsDataType.Directory, await TypeOfAsync(tree, back));
        Assert.NotEqual(flat, back); // another name is missing than before the switch

        await disk.WriteAsync(tree, "d", Name(17), Content(17));
        Assert.Equal(sharded, await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo));
    }

    [Fact]
    public async Task Thousands_of_creates_removes_and_renames_in_a_sharded_directory_keep_matching_add_r()
    {
        var rng = new Random(6);
        using var disk = new DiskMirror();
        var store = new MemoryBlockStore();
        var log = new MemoryMfsVersionLog();
        var names = new List<string>();
        await using (var tree = await Trees.NewAsync(store, MfsLayout.KuboV0, log))
        {
            await tree.MkdirAsync("/d");
            await tree.MkdirAsync("/other");
            for (int i = 0; i < 7000; i++)
            {
                await disk.WriteAsync(tree, "d", Name(i), Content(i));
                names.Add(Name(i));
            }
            await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo);
            for (int step = 0; step < 3000; step++)
            {
                int pick = rng.Next(names.Count);
                switch (rng.Next(4))
                {
                    case 0:
                        await disk.RemoveAsync(tree, "d", names[pick]);
                        names.RemoveAt(pick);
                        break;
                    case 1:
                        string renamed = "r" + names[pick];
                        await tree.RenameAsync("/d/" + names[pick], "/d/" + renamed);
                        File.Move(disk.PathOf("d", names[pick]), disk.PathOf("d", renamed));
                        names[pick] = renamed;
                        break;
                    case 2: // out and back in through another directory
                        await tree.RenameAsync("/d/" + names[pick], "/other/x");
                        await tree.RenameAsync("/other/x", "/d/" + names[pick]);
                        break;
                    default:
                        string fresh = $"new-{step}";
                        await disk.WriteAsync(tree, "d", fresh, Content(100000 + step));
                        names.Add(fresh);
                        break;
                }
                if (step % 1000 == 999) await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo);
            }
            var listed = (await tree.ListAsync("/d")).Select(e => e.Name).ToList();
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), listed);
        }

        // reopened from the log: the shard is loaded as it is on disk; removing down below the threshold goes flat
        await using var again = await Trees.NewAsync(store, MfsLayout.KuboV0, log);
        Assert.Equal(await File.ReadAllBytesAsync(disk.PathOf("d", names[0])), await again.ReadAllAsync("/d/" + names[0]));
        foreach (var name in names.Take(names.Count - 5000)) await disk.RemoveAsync(again, "d", name);
        var flat = await disk.AssertSnapshotEqualsImportAsync(again, "d", ImportOptions.Kubo);
        Assert.Equal(UnixFsDataType.Directory, await TypeOfAsync(again, flat));
    }

    [Fact]
    public async Task Adding_a_file_to_a_committed_sharded_directory_puts_only_its_shard_path()
    {
        var store = new CountingBlockStore(new MemoryBlockStore());
        var log = new MemoryMfsVersionLog();
        using var disk = new DiskMirror();
        await using (var tree = await Trees.NewAsync(store, MfsLayout.KuboV0, log))
        {
            await tree.MkdirAsync("/d");
            for (int i = 0; i < 10000; i++) await disk.WriteAsync(tree, "d", Name(i), Content(i));
            await tree.CommitAsync();
            Assert.True(store.Puts > 10000 + 256);

            store.Reset();
            await disk.WriteAsync(tree, "d", "added", Content(-1));
            await tree.CommitAsync();
            // the file, at most three shard levels for 10,001 names (two are usual), the MFS root
            Assert.InRange(store.Puts, 1 + 2 + 1, 1 + 3 + 1);
            await disk.AssertSnapshotEqualsImportAsync(tree, "d", ImportOptions.Kubo);
        }
        await using var again = await Trees.NewAsync(store, MfsLayout.KuboV0, log);
        store.Reset();
        await disk.RemoveAsync(again, "d", Name(4321));
        await again.CommitAsync();
        Assert.InRange(store.Puts, 1 + 1, 3 + 1); // shard path only, no file
        await disk.AssertSnapshotEqualsImportAsync(again, "d", ImportOptions.Kubo);
    }

    [Fact]
    public async Task The_reference_vectors_5000_file_directory_gets_the_helia_importer_cids()
    {
        var hamt = Vectors.Root.GetProperty("hamt");
        string Expected(string prefix) => hamt.EnumerateObject().First(p => p.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Value.GetProperty("cid").GetString()!;

        // kubo-v0 with a 1,024-byte threshold forces the shard; kubo-v1 at the default threshold stays flat
        var forced = MfsLayout.KuboV0 with { ShardSplitThresholdBytes = 1024 };
        Assert.Equal(Expected("kubo-v0 + links-bytes, threshold 1024"), (await VectorDirectoryAsync(forced)).ToString());
        Assert.Equal(Expected("kubo-v1 (links-bytes, threshold 262144)"), (await VectorDirectoryAsync(MfsLayout.KuboV1)).ToString());
    }

    [Fact]
    public async Task Unixfs_v1_2025_uses_the_block_bytes_estimate_like_the_importer()
    {
        // 5000 vector files: 230,000 links-bytes (flat for Kubo) but a 270,004-byte block (sharded for block-bytes)
        using var disk = new DiskMirror();
        await using var tree = await Trees.NewAsync(layout: MfsLayout.UnixFsV1_2025);
        await tree.MkdirAsync("/shard");
        for (int i = 0; i < 5000; i++) await disk.WriteAsync(tree, "shard", $"file-{i:D5}", VectorContent(i));
        var cid = await disk.AssertSnapshotEqualsImportAsync(tree, "shard", ImportOptions.UnixFsV1_2025);
        Assert.Equal(UnixFsDataType.HamtShard, await TypeOfAsync(tree, cid));
    }

    [Fact]
    public async Task A_non_empty_subdirectory_counts_for_nothing_in_the_estimate_as_in_the_importer_even_after_a_reopen()
    {
        using var disk = new DiskMirror();
        var store = new MemoryBlockStore();
        var log = new MemoryMfsVersionLog();
        await using (var tree = await Trees.NewAsync(store, MfsLayout.KuboV0, log))
        {
            await tree.MkdirAsync("/d/sub", parents: true);
            await disk.WriteAsync(tree, "d/sub", "inner", Content(1));
            for (int i = 0; i < LastFlatCount; i++) await disk.WriteAsync(tree, "d", Name(i), Content(i));
            await tree.CommitAsync();
        }
        await using var again = await Trees.NewAsync(store, MfsLayout.KuboV0, log);
        await disk.WriteAsync(again, "d", "zz", Content(2)); // 5957 × 44 + 2 + 34 > 262,144 only if "sub" counted
        var cid = await disk.AssertSnapshotEqualsImportAsync(again, "d", ImportOptions.Kubo);
        Assert.Equal(UnixFsDataType.Directory, await TypeOfAsync(again, cid));
    }

    [Fact]
    public async Task A_foreign_fanout_4_shard_accepts_changes_and_is_rewritten_by_the_rule()
    {
        var store = new MemoryBlockStore();
        var shard = await ImportTests.BuildShardAsync(store);
        using var disk = new DiskMirror();
        await using var tree = await Trees.NewAsync(store);
        await tree.CopyFromCidAsync(shard, "", "/s");
        await disk.WriteAsync(tree, "s", "d", "D"u8.ToArray());
        await tree.UnlinkAsync("/s/a");
        Assert.Equal(["b", "c", "d"], (await tree.ListAsync("/s")).Select(e => e.Name));
        Assert.Equal("C"u8.ToArray(), await tree.ReadAllAsync("/s/c"));
        await File.WriteAllBytesAsync(disk.PathOf("s", "b"), "B"u8.ToArray());
        await File.WriteAllBytesAsync(disk.PathOf("s", "c"), "C"u8.ToArray());
        // three entries are far below the threshold: a plain directory, the one `add -r` makes
        var cid = await disk.AssertSnapshotEqualsImportAsync(tree, "s", ImportOptions.Kubo);
        Assert.Equal(UnixFsDataType.Directory, await TypeOfAsync(tree, cid));
    }

    private static async Task<Cid> VectorDirectoryAsync(MfsLayout layout)
    {
        await using var tree = await Trees.NewAsync(layout: layout);
        await tree.MkdirAsync("/shard");
        for (int i = 0; i < 5000; i++) await tree.WriteAllAsync($"/shard/file-{i:D5}", VectorContent(i));
        return (await tree.SnapshotAsync("/shard")).Cid;
    }

    private static byte[] VectorContent(int i) => System.Text.Encoding.UTF8.GetBytes($"content of file-{i:D5}\n");

    private static string Name(int i) => $"file-{i:D5}";

    private static byte[] Content(int i) => System.Text.Encoding.UTF8.GetBytes($"entry {i}\n");

    private static async Task<UnixFsDataType> TypeOfAsync(MfsTree tree, Cid cid)
    {
        var block = await tree.Blocks.GetAsync(cid);
        return UnixFsData.Decode(DagPb.Decode(block).Data!.Value).Type;
    }

    /// <summary>The same tree on a local disk, imported with `add -r` (UnixFsImporter.AddPathAsync) to compare.</summary>
    private sealed class DiskMirror : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mfs-shard-");

        public string PathOf(string dir, string name) => Path.Combine(_dir.FullName, dir, name);

        public async Task WriteAsync(MfsTree tree, string dir, string name, byte[] data)
        {
            await tree.WriteAllAsync($"/{dir}/{name}", data);
            Directory.CreateDirectory(Path.Combine(_dir.FullName, dir));
            await File.WriteAllBytesAsync(PathOf(dir, name), data);
        }

        public async Task RemoveAsync(MfsTree tree, string dir, string name)
        {
            await tree.UnlinkAsync($"/{dir}/{name}");
            File.Delete(PathOf(dir, name));
        }

        public async Task<Cid> AssertSnapshotEqualsImportAsync(MfsTree tree, string dir, ImportOptions options)
        {
            var snap = await tree.SnapshotAsync("/" + dir);
            var imported = await new UnixFsImporter(new MemoryBlockStore(), options).AddPathAsync(Path.Combine(_dir.FullName, dir), null);
            Assert.Equal(imported.Cid, snap.Cid);
            return snap.Cid;
        }

        public void Dispose() => _dir.Delete(recursive: true);
    }
}
