// Pins with Kubo semantics: recursive/direct/indirect, errors for rm, verify, dag-cbor traversal.
namespace IpfsMount.Storage.Tests;

using IpfsMount.Core;

public sealed class PinSetTests
{
    private static async Task<(Cid Root, Cid File, Cid Leaf)> PutTreeAsync(Repo repo, uint seed = 1)
    {
        var tree = TestDag.Tree(seed, files: 2, chunks: 3, chunkSize: 100);
        foreach (var (cid, data) in tree)
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        return (tree[^1].Cid, tree[3].Cid, tree[0].Cid);
    }

    [Fact]
    public async Task A_recursive_pin_lists_its_descendants_as_indirect()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (root, file, leaf) = await PutTreeAsync(repo);
        await repo.Pins.AddAsync(root, recursive: true, name: "tree");

        var all = await BlockStoreTests.ToListAsync(repo.Pins.ListAsync());
        var rec = Assert.Single(all, p => p.Mode == PinMode.Recursive);
        Assert.Equal(root, rec.Cid);
        Assert.Equal("tree", rec.Name);
        var indirect = all.Where(p => p.Mode == PinMode.Indirect).ToList();
        Assert.Equal(8, indirect.Count); // 2 files x (1 node + 3 leaves)
        Assert.All(indirect, p => Assert.Equal(root, p.Via));
        Assert.Contains(indirect, p => p.Cid == leaf);

        var how = await repo.Pins.IsPinnedAsync(file);
        Assert.Equal(PinMode.Indirect, how!.Mode);
        Assert.Equal($"indirect through {root}", how.Describe());
    }

    [Fact]
    public async Task Removing_an_indirect_pin_says_under_which_root_it_is_pinned()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (root, file, _) = await PutTreeAsync(repo);
        await repo.Pins.AddAsync(root);

        var e = await Assert.ThrowsAsync<PinException>(() => repo.Pins.RemoveAsync(file));
        Assert.Equal($"{file} is pinned indirectly under {root}", e.Message);

        var unknown = TestDag.Raw("not in any pin").Cid;
        var e2 = await Assert.ThrowsAsync<PinException>(() => repo.Pins.RemoveAsync(unknown));
        Assert.Equal($"{unknown} is not pinned", e2.Message);
    }

    [Fact]
    public async Task Direct_and_recursive_pins_follow_kubo_rules()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (root, _, leaf) = await PutTreeAsync(repo);

        await repo.Pins.AddAsync(root, recursive: false);
        Assert.Equal(PinMode.Direct, (await repo.Pins.IsPinnedAsync(root))!.Mode);
        await repo.Pins.AddAsync(root, recursive: true); // upgrades
        Assert.Equal(PinMode.Recursive, Assert.Single(repo.Pins.ListStored()).Mode);

        var e = await Assert.ThrowsAsync<PinException>(() => repo.Pins.AddAsync(root, recursive: false));
        Assert.Contains("already pinned recursively", e.Message);
        var e2 = await Assert.ThrowsAsync<PinException>(() => repo.Pins.RemoveAsync(root, recursive: false));
        Assert.Contains("is pinned recursively", e2.Message);

        await repo.Pins.AddAsync(leaf, recursive: false);
        await repo.Pins.RemoveAsync(leaf, recursive: false);
        await repo.Pins.RemoveAsync(root);
        Assert.Empty(repo.Pins.ListStored());
        Assert.Null(await repo.Pins.IsPinnedAsync(leaf));
    }

    [Fact]
    public async Task A_recursive_pin_of_an_incomplete_dag_is_refused_naming_the_missing_block()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var tree = TestDag.Tree(3, files: 1, chunks: 2, chunkSize: 50);
        foreach (var (cid, data) in tree.Skip(1))
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        var e = await Assert.ThrowsAsync<PinException>(() => repo.Pins.AddAsync(tree[^1].Cid));
        Assert.Contains(tree[0].Cid.ToString(), e.Message);
        Assert.Empty(repo.Pins.ListStored());
    }

    [Fact]
    public async Task Pins_survive_a_reopen_and_v0_and_v1_are_one_pin()
    {
        using var dir = new TempRepo();
        var node = TestDag.Node([], [0x08, 0x01], version: 0);
        using (var repo = dir.Init())
        {
            await repo.Blocks.PutAsync(node.Cid, node.Data);
            await repo.Pins.AddAsync(node.Cid);
            await repo.Pins.AddAsync(node.Cid.ToV1());
        }

        using (var repo = dir.Open())
        {
            var pin = Assert.Single(repo.Pins.ListStored());
            Assert.Equal(PinMode.Recursive, pin.Mode);
            Assert.NotNull(await repo.Pins.IsPinnedAsync(node.Cid.ToV1()));
        }
    }

    [Fact]
    public async Task Pin_verify_reports_a_missing_block_under_a_pin()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var (root, _, leaf) = await PutTreeAsync(repo);
        await repo.Pins.AddAsync(root);
        Assert.All(await BlockStoreTests.ToListAsync(repo.Pins.VerifyAsync()), r => Assert.True(r.Ok));

        await repo.LocalBlocks.DeleteAsync(leaf);
        repo.BlockCache.Forget(leaf.Hash);
        var result = Assert.Single(await BlockStoreTests.ToListAsync(repo.Pins.VerifyAsync()));
        Assert.False(result.Ok);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(leaf, problem.Cid);
        Assert.Contains("not found", problem.Error);
    }

    [Fact]
    public async Task Dag_cbor_links_are_followed_by_recursive_pins()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var a = TestDag.Raw("a");
        var b = TestDag.Raw("b");
        var c = TestDag.Raw("c");
        var node = TestDag.Cbor([a.Cid, b.Cid, c.Cid]);
        Assert.Equal([a.Cid, b.Cid, c.Cid], DagLinks.Extract(node.Cid, node.Data));
        foreach (var (cid, data) in new[] { a, b, c, node })
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        await repo.Pins.AddAsync(node.Cid);
        var indirect = await BlockStoreTests.ToListAsync(repo.Pins.ListAsync(PinMode.Indirect));
        Assert.Equal(new HashSet<Cid> { a.Cid, b.Cid, c.Cid }, indirect.Select(p => p.Cid).ToHashSet());
    }

    [Fact]
    public void Malformed_dag_pb_and_dag_cbor_blocks_are_rejected_with_a_clear_error()
    {
        var pbCid = Cid.Compute([0x12, 0x05, 0x0a], Multicodec.DagPb);
        Assert.Throws<InvalidBlockException>(() => DagLinks.Extract(pbCid, new byte[] { 0x12, 0x05, 0x0a }));
        var cborCid = Cid.Compute([0x9f, 0xff], Multicodec.DagCbor);
        var e = Assert.Throws<InvalidBlockException>(() => DagLinks.Extract(cborCid, new byte[] { 0x9f, 0xff }));
        Assert.Contains("indefinite", e.Message);
    }
}
