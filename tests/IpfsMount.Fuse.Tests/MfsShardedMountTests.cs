// Writing into a HAMT-sharded directory through <mnt>/mfs: cp, rm and mv inside a 10,000-entry shard, then ls, and
// the directory's snapshot equals what the importer makes of the same entries.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Fuse.Tests;

public sealed class MfsShardedMountTests(WritableMfsFixture fixture) : IClassFixture<WritableMfsFixture>
{
    private WritableMfsMount M => fixture.Mount;

    [Fact]
    public async Task Files_copied_into_a_10000_entry_sharded_directory_are_listed_and_its_snapshot_equals_the_import()
    {
        var importer = new UnixFsImporter(M.Tree.Blocks, ImportOptions.Kubo);
        var small = await importer.AddFileAsync(new MemoryStream("hello world\n"u8.ToArray()));
        var entries = new SortedDictionary<string, ImportedEntry>(StringComparer.Ordinal);
        for (int i = 0; i < 10_000; i++) entries[$"entry-{i:D5}.txt"] = small;
        var hamt = await importer.AddDirectoryAsync(entries.Select(e => (e.Key, e.Value.Cid, e.Value.Size)).ToList());
        await M.Tree.MkdirAsync("/sharded");
        await M.Tree.CopyFromCidAsync(hamt.Cid, "", "/sharded/big");

        var local = Path.Combine(M.Local, "sharded-src");
        Directory.CreateDirectory(local);
        for (int i = 0; i < 3; i++) await File.WriteAllTextAsync(Path.Combine(local, $"new-{i}.txt"), $"new file {i}\n");
        var output = await WritableMfsMount.RunInAsync(Path.Combine(M.Mfs, "sharded"), $"""
            cp '{local}'/new-*.txt big/
            rm big/entry-00005.txt
            mv big/entry-00006.txt big/moved.txt
            ls big | wc -l
            ls big | tail -4
            cat big/new-1.txt big/moved.txt big/entry-09999.txt
            """);
        Assert.Equal("""
            10002
            moved.txt
            new-0.txt
            new-1.txt
            new-2.txt
            new file 1
            hello world
            hello world

            """, output);

        entries.Remove("entry-00005.txt");
        entries["moved.txt"] = entries["entry-00006.txt"];
        entries.Remove("entry-00006.txt");
        for (int i = 0; i < 3; i++)
            entries[$"new-{i}.txt"] = await importer.AddFileAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"new file {i}\n")));
        var expected = await importer.AddDirectoryAsync(entries.Select(e => (e.Key, e.Value.Cid, e.Value.Size)).ToList());
        var snapshot = await M.Tree.SnapshotAsync("/sharded/big");
        Assert.Equal(expected.Cid, snapshot.Cid);
        var root = DagPb.Decode(await M.Tree.Blocks.GetAsync(snapshot.Cid));
        Assert.Equal(UnixFsDataType.HamtShard, UnixFsData.Decode(root.Data!.Value).Type);
    }
}
