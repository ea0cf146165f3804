// AddPathAsync against the directory-tree and HAMT vectors (files written to a temp dir, imported from disk).
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class DirectoryVectorTests(ShardDirectoryFixture shard) : IClassFixture<ShardDirectoryFixture>
{
    private static void WriteTree(TempDir dir)
    {
        dir.WriteFile("root/a.txt", "hello\n"u8);
        dir.WriteFile("root/b/c.bin", InputGenerator.Generate(100000, 7));
        dir.WriteFile("root/d1/d2/d3/f.txt", "deep\n"u8);
        Directory.CreateDirectory(dir.Combine("root", "e"));
    }

    [Fact]
    public async Task A_directory_tree_imports_to_the_reference_cids_in_kubo_order()
    {
        using var dir = new TempDir();
        WriteTree(dir);
        var entries = new List<ImportedEntry>();
        var root = await new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo)
            .AddPathAsync(dir.Combine("root"), entries.Add);

        var v = Vectors.Get("directories", "kubo-v0");
        Assert.Equal(v.GetProperty("rootCid").GetString(), root.Cid.ToString());
        foreach (var e in v.GetProperty("entries").EnumerateObject())
            Assert.Equal(e.Value.GetString(), entries.Single(x => x.Path == e.Name).Cid.ToString());
        Assert.Equal(
            ["root/a.txt", "root/b/c.bin", "root/d1/d2/d3/f.txt", "root/b", "root/d1/d2/d3", "root/d1/d2", "root/d1", "root/e", "root"],
            entries.Select(e => e.Path));
        Assert.Equal(Vectors.Str("anchors", "empty-dir kubo-v0", "expected"), entries.Single(e => e.Path == "root/e").Cid.ToString());
    }

    [Fact]
    public async Task Wrapping_a_directory_gives_the_reference_wrapper_cid()
    {
        using var dir = new TempDir();
        WriteTree(dir);
        var entries = new List<ImportedEntry>();
        var wrapped = await new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo with { WrapWithDirectory = true })
            .AddPathAsync(dir.Combine("root"), entries.Add);
        Assert.Equal(Vectors.Str("directories", "kubo-v0", "wrapWithDirectoryCid"), wrapped.Cid.ToString());
        Assert.Equal("", entries[^1].Path);
        Assert.Equal(wrapped, entries[^1]);
    }

    [Fact]
    public async Task An_empty_directory_matches_the_kubo_anchors()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("empty"));
        var v0 = await new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo).AddPathAsync(dir.Combine("empty"), null);
        var v1 = await new UnixFsImporter(new MemoryBlockStore(), ImportOptions.KuboV1).AddPathAsync(dir.Combine("empty"), null);
        Assert.Equal(Vectors.Str("anchors", "empty-dir kubo-v0", "expected"), v0.Cid.ToString());
        Assert.Equal(Vectors.Str("anchors", "empty-dir kubo-v1", "expected"), v1.Cid.ToString());
    }

    [Fact]
    public async Task A_5000_entry_directory_stays_flat_under_the_links_bytes_estimate_and_shards_under_block_bytes()
    {
        var dir = shard.Dir;
        var flatKey = "kubo-v1 (links-bytes, threshold 262144) [Kubo default estimate]";
        var store = new MemoryBlockStore();
        var entries = new List<ImportedEntry>();
        var flat = await new UnixFsImporter(store, ImportOptions.KuboV1).AddPathAsync(dir.Combine("shard"), entries.Add);
        Assert.Equal(Vectors.Str("hamt", flatKey, "cid"), flat.Cid.ToString());
        Assert.Equal(Vectors.Get("hamt", flatKey, "rootBlockSize").GetInt32(), (await store.GetAsync(flat.Cid)).Length);
        foreach (var f in Vectors.Get("hamt", "fileCids").EnumerateObject())
            Assert.Equal(f.Value.GetString(), entries.Single(e => e.Path == f.Name).Cid.ToString());

        var sharded = await new UnixFsImporter(new MemoryBlockStore(), ImportOptions.KuboV1 with { ShardSplitStrategy = ShardSplitStrategy.BlockBytes })
            .AddPathAsync(dir.Combine("shard"), null);
        var block = DagPb.Decode(await store.GetAsync(flat.Cid));
        Assert.Equal(5000, block.Links.Count);
        Assert.NotEqual(flat.Cid, sharded.Cid);
    }

    [Fact]
    public async Task A_forced_hamt_matches_the_reference_shards_and_lookups()
    {
        var dir = shard.Dir;
        var key = "kubo-v0 + links-bytes, threshold 1024 (forced)";
        var v = Vectors.Get("hamt", key);
        var store = new MemoryBlockStore();
        var root = await new UnixFsImporter(store, ImportOptions.Kubo with { ShardSplitThresholdBytes = 1024 })
            .AddPathAsync(dir.Combine("shard"), null);

        Assert.Equal(v.GetProperty("cid").GetString(), root.Cid.ToString());
        Assert.Equal(v.GetProperty("blocks").GetInt32(), await DagWalk.CountBlocksAsync(store, root.Cid));
        var node = DagPb.Decode(await store.GetAsync(root.Cid));
        Assert.Equal(v.GetProperty("rootBlockSize").GetInt32(), (await store.GetAsync(root.Cid)).Length);
        Assert.Equal(v.GetProperty("rootUnixfsDataHex").GetString(), Convert.ToHexStringLower(node.Data!.Value.Span));
        foreach (var lookup in v.GetProperty("lookups").EnumerateObject())
        {
            var hop = lookup.Value.GetProperty("hops")[0];
            var link = node.Links.Single(l => l.Name == hop.GetProperty("linkName").GetString());
            Assert.Equal(hop.GetProperty("linkCid").GetString(), link.Hash.ToString());
            Assert.Equal(hop.GetProperty("tsize").GetUInt64(), link.Tsize);
        }
    }
}
