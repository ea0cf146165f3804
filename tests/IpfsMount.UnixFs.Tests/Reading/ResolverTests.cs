// Path resolution and listings over flat directories, HAMT shards and symlinks.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class ResolverTests(ShardDirectoryFixture shard) : IClassFixture<ShardDirectoryFixture>
{
    /// <summary>A store that counts Get calls, to prove HAMT lookups fetch only the shards on the path.</summary>
    private sealed class CountingStore(IBlockStore inner) : IBlockStore
    {
        public int Gets;

        public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Gets);
            return inner.GetAsync(cid, ct);
        }

        public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default) => inner.PutAsync(cid, data, ct);

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);

        public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

        public IAsyncEnumerable<Cid> AllKeysAsync(CancellationToken ct = default) => inner.AllKeysAsync(ct);
    }

    [Fact]
    public async Task Paths_resolve_through_a_hamt_fetching_only_the_shards_on_the_way()
    {
        var store = new CountingStore(new MemoryBlockStore());
        var root = await new UnixFsImporter(store, ImportOptions.Kubo with { ShardSplitThresholdBytes = 1024 })
            .AddPathAsync(shard.Dir.Combine("shard"), null);
        var resolver = new UnixFsResolver(store);
        var lookups = Vectors.Get("hamt", "kubo-v0 + links-bytes, threshold 1024 (forced)", "lookups");
        foreach (var lookup in lookups.EnumerateObject())
        {
            store.Gets = 0;
            var node = await resolver.ResolveAsync(root.Cid, lookup.Name);
            Assert.Equal(lookup.Value.GetProperty("fileCid").GetString(), node.Cid.ToString());
            Assert.True(store.Gets <= 4, $"resolving {lookup.Name} fetched {store.Gets} blocks");
            await using var stream = resolver.OpenRead(node);
            Assert.Equal($"content of {lookup.Name}\n", await new StreamReader(stream).ReadToEndAsync());
        }
        await Assert.ThrowsAsync<UnixFsNotFoundException>(() => resolver.ResolveAsync(root.Cid, "file-99999"));
    }

    [Fact]
    public async Task A_hamt_lists_every_entry_with_its_real_name()
    {
        var store = new MemoryBlockStore();
        var root = await new UnixFsImporter(store, ImportOptions.UnixFsV1_2025).AddPathAsync(shard.Dir.Combine("shard"), null);
        var resolver = new UnixFsResolver(store);
        var dir = await resolver.GetNodeAsync(root.Cid);
        Assert.Equal(UnixFsNodeKind.HamtDirectory, dir.Kind);
        var names = new List<string>();
        await foreach (var e in resolver.ListAsync(dir)) names.Add(e.Name);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"file-{i:D5}").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Nested_paths_symlinks_and_errors_resolve_as_expected()
    {
        using var dir = new TempDir();
        dir.WriteFile("t/a/b/c.txt", "deep\n"u8);
        File.CreateSymbolicLink(dir.Combine("t", "link"), "a/b/c.txt");
        var store = new MemoryBlockStore();
        var entries = new List<ImportedEntry>();
        var root = await new UnixFsImporter(store, ImportOptions.KuboV1).AddPathAsync(dir.Combine("t"), entries.Add);
        var resolver = new UnixFsResolver(store);

        var file = await resolver.ResolveAsync(root.Cid, "/a/b/c.txt");
        Assert.Equal(5, file.Size);
        var link = await resolver.ResolveAsync(root.Cid, "link");
        Assert.Equal(UnixFsNodeKind.Symlink, link.Kind);
        Assert.Equal("a/b/c.txt", link.SymlinkTarget);
        Assert.Contains(entries, e => e.Path == "t/link" && e.Cid == link.Cid);
        var ex = await Assert.ThrowsAsync<UnixFsNotFoundException>(() => resolver.ResolveAsync(root.Cid, "a/x/c.txt"));
        Assert.Equal("x", ex.Missing);
        await Assert.ThrowsAsync<UnixFsNotADirectoryException>(() => resolver.ResolveAsync(root.Cid, "a/b/c.txt/more"));
        var listing = new List<string>();
        await foreach (var e in resolver.ListAsync(await resolver.ResolveAsync(root.Cid, ""))) listing.Add(e.Name);
        Assert.Equal(["a", "link"], listing);
    }
}
