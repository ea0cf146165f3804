// DAGs made elsewhere placed into MFS with `cp /ipfs/<cid>`: a Kubo CAR, DAGs with another chunking (re-chunked on
// first write), and HAMT-sharded directories (read, changed, moved whole).
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs.Tests;

public sealed class ImportTests
{
    [Fact]
    public async Task A_kubo_v1_dag_from_the_reference_car_is_readable_and_patchable_in_place()
    {
        var store = new CountingBlockStore(new MemoryBlockStore());
        var root = await LoadCarAsync(Path.Combine(TestPaths.VectorsDir, "kubo-v1-1048577.car"), store);
        await using var tree = await Trees.NewAsync(store, MfsLayout.KuboV1);
        await tree.CopyFromCidAsync(root, "", "/big");
        var expected = InputGenerator.Generate(1048577, 1);
        Assert.Equal(expected, await tree.ReadAllAsync("/big"));
        Assert.Equal(root, (await tree.StatAsync("/big")).Cid);

        store.Reset();
        await using (var h = await tree.OpenAsync("/big", MfsOpenFlags.Write)) await h.WriteAsync(300000, new byte[] { 7 });
        await tree.CommitAsync();
        Assert.Equal(3, store.Puts); // one raw leaf, the file root, the MFS root
        expected[300000] = 7;
        Assert.Equal(expected, await tree.ReadAllAsync("/big"));
    }

    [Fact]
    public async Task A_file_with_other_chunking_is_rechunked_on_first_write_and_then_matches_the_canonical_cid()
    {
        var store = new MemoryBlockStore();
        var data = InputGenerator.Generate(5000, 11);
        await using var other = await Trees.NewAsync(store, MfsLayout.KuboV0 with { ChunkSize = 100, MaxLinks = 7 });
        await other.WriteAllAsync("/f", data);
        var foreign = (await other.StatAsync("/f")).Cid;

        var layout = MfsLayout.KuboV0 with { ChunkSize = 64, MaxLinks = 4 };
        await using var tree = await Trees.NewAsync(store, layout);
        await tree.CopyFromCidAsync(foreign, "", "/f");
        Assert.Equal(data, await tree.ReadAllAsync("/f"));
        Assert.Equal(foreign, (await tree.StatAsync("/f")).Cid); // untouched: the foreign DAG is kept as is
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write)) await h.WriteAsync(4990, new byte[20]);
        Array.Resize(ref data, 5010);
        Array.Clear(data, 4990, 20);
        Assert.Equal(data, await tree.ReadAllAsync("/f"));

        await using var fresh = await Trees.NewAsync(layout: layout);
        await fresh.WriteAllAsync("/f", data);
        Assert.Equal((await fresh.StatAsync("/f")).Cid, (await tree.StatAsync("/f")).Cid);
    }

    [Fact]
    public async Task A_hamt_sharded_directory_is_listed_read_and_moved_whole_without_rewriting_it()
    {
        var store = new MemoryBlockStore();
        var shard = await BuildShardAsync(store);
        await using var tree = await Trees.NewAsync(store);
        await tree.CopyFromCidAsync(shard, "", "/s");
        var list = await tree.ListAsync("/s");
        Assert.Equal(["a", "b", "c"], list.Select(e => e.Name));
        Assert.Equal("B"u8.ToArray(), await tree.ReadAllAsync("/s/b"));
        await tree.RenameAsync("/s", "/t"); // moving the whole shard keeps its blocks
        Assert.Equal(shard, (await tree.StatAsync("/t")).Cid);
    }

    /// <summary>A tiny HAMT by hand (fanout 4: bucket prefixes are one hex digit): a, b in bucket 0, c in a sub-shard.</summary>
    internal static async Task<Cid> BuildShardAsync(IBlockStore store)
    {
        var blocks = new DagBlocks(store, MfsLayout.KuboV0);
        async Task<(Cid, ulong)> File(string s)
        {
            var b = await blocks.PutAsync(blocks.Leaf(System.Text.Encoding.UTF8.GetBytes(s)), default);
            return (b.Cid, b.Tsize);
        }
        UnixFsData ShardData() => new() { Type = UnixFsDataType.HamtShard, Data = new byte[] { 0x0f }, HashType = 0x22, Fanout = 4 };
        var (a, at) = await File("A");
        var (b, bt) = await File("B");
        var (c, ct) = await File("C");
        var sub = await blocks.PutAsync(blocks.PbBlock(ShardData(), [new PbLink(c, "2c", ct)]), default);
        var top = await blocks.PutAsync(blocks.PbBlock(ShardData(), [new PbLink(a, "0a", at), new PbLink(b, "0b", bt), new PbLink(sub.Cid, "1", sub.Tsize)]), default);
        return top.Cid;
    }

    /// <summary>Reads a CARv1 (varint header, then varint-framed CID + block) into the store.</summary>
    internal static async Task<Cid> LoadCarAsync(string path, IBlockStore store)
    {
        var bytes = await System.IO.File.ReadAllBytesAsync(path);
        int pos = 0;
        int headerLen = (int)Varint.Read(bytes, out int n);
        pos += n + headerLen;
        Cid? root = null;
        while (pos < bytes.Length)
        {
            int len = (int)Varint.Read(bytes.AsSpan(pos), out n);
            pos += n;
            var cid = Cid.Read(bytes.AsSpan(pos, len), out int cidLen);
            await store.PutAsync(cid, bytes.AsMemory(pos + cidLen, len - cidLen));
            root ??= cid;
            pos += len;
        }
        return root!.Value;
    }
}
