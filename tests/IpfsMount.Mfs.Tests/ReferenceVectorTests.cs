// MFS files and directories get the CIDs of /work/shared/vectors (the JS importer / Kubo) for the same bytes.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

public sealed class ReferenceVectorTests
{
    public static TheoryData<string, int> Files() => new()
    {
        { "kubo-v0", 0 }, { "kubo-v0", 1 }, { "kubo-v0", 1000 }, { "kubo-v0", 262144 }, { "kubo-v0", 262145 },
        { "kubo-v0", 1048577 }, { "kubo-v1", 0 }, { "kubo-v1", 1000 }, { "kubo-v1", 1048577 },
        { "unixfs-v1-2025", 1048577 }, { "unixfs-v1-2025", 5000000 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_written_in_one_go_has_the_importer_cid(string profile, int size)
    {
        await using var tree = await Trees.NewAsync(layout: MfsLayout.FromProfile(profile));
        await tree.WriteAllAsync("/f", InputGenerator.Generate(size, 1));
        var stat = await tree.StatAsync("/f");
        Assert.Equal(Vectors.FileCid(profile, size), stat.Cid.ToString());
        Assert.Equal(size, stat.Size);
    }

    [Fact]
    public async Task A_file_written_in_small_random_pieces_has_the_same_cid_as_one_write()
    {
        var data = InputGenerator.Generate(1048577, 1);
        await using var tree = await Trees.NewAsync();
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.Write | MfsOpenFlags.Create))
        {
            var rng = new Random(5);
            var order = Enumerable.Range(0, (data.Length + 9999) / 10000).OrderBy(_ => rng.Next()).ToList();
            foreach (var i in order)
            {
                int off = i * 10000;
                await h.WriteAsync(off, data.AsMemory(off, Math.Min(10000, data.Length - off)));
                if (rng.Next(10) == 0) await tree.StatAsync("/f");
            }
        }
        Assert.Equal(Vectors.FileCid("kubo-v0", 1048577), (await tree.StatAsync("/f")).Cid.ToString());
    }

    [Fact]
    public async Task The_reference_directory_tree_has_the_reference_root_cid()
    {
        await using var tree = await Trees.NewAsync();
        await tree.MkdirAsync("/root/d1/d2/d3", parents: true);
        await tree.MkdirAsync("/root/b");
        await tree.MkdirAsync("/root/e");
        await tree.WriteAllAsync("/root/a.txt", Encoding.UTF8.GetBytes("hello\n"));
        await tree.WriteAllAsync("/root/b/c.bin", InputGenerator.Generate(100000, 7));
        await tree.WriteAllAsync("/root/d1/d2/d3/f.txt", Encoding.UTF8.GetBytes("deep\n"));
        var dirs = Vectors.Root.GetProperty("directories").GetProperty("kubo-v0");
        foreach (var e in dirs.GetProperty("entries").EnumerateObject())
            Assert.Equal(e.Value.GetString(), (await tree.StatAsync("/" + e.Name)).Cid.ToString());
    }

    [Fact]
    public async Task Empty_directory_and_file_anchors_match_kubo()
    {
        await using var v0 = await Trees.NewAsync();
        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", (await v0.StatAsync("/")).Cid.ToString());
        await using var v1 = await Trees.NewAsync(layout: MfsLayout.KuboV1);
        Assert.Equal("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354", (await v1.StatAsync("/")).Cid.ToString());
        await v1.WriteAllAsync("/empty", ReadOnlyMemory<byte>.Empty);
        Assert.Equal("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", (await v1.StatAsync("/empty")).Cid.ToString());
    }

    [Fact]
    public async Task A_file_with_mode_and_mtime_matches_the_spec_block_of_the_vectors()
    {
        var meta = Vectors.Root.GetProperty("metadata");
        foreach (var row in meta.EnumerateObject())
        {
            if (!row.Name.StartsWith("nsecs-omitted/", StringComparison.Ordinal)) continue;
            var parts = row.Name.Split('/');
            string profile = parts[1];
            int size = int.Parse(parts[2]);
            var v = row.Value;
            string expected = v.TryGetProperty("specBlockCid", out var spec) ? spec.GetString()! : v.GetProperty("cid").GetString()!;
            await using var tree = await Trees.NewAsync(layout: MfsLayout.FromProfile(profile));
            await tree.WriteAllAsync("/f", InputGenerator.Generate(size, 1));
            await tree.ChmodAsync("/f", Convert.ToUInt32(v.GetProperty("mode").GetString(), 8));
            await tree.UtimensAsync("/f", new MfsTime(v.GetProperty("mtimeSecs").GetInt64(), 0));
            Assert.True(expected == (await tree.StatAsync("/f")).Cid.ToString(), $"{row.Name}: expected {expected}");
        }
    }
}
