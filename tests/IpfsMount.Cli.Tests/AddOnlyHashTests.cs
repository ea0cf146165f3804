// `add -n` against the reference vectors: each profile's flags give the reference CIDs, with no repo at all.
namespace IpfsMount.Cli.Tests;

public sealed class AddOnlyHashTests
{
    private const int MaxSize = 5_000_000;

    public static TheoryData<string, string[]> Profiles => new()
    {
        { "kubo-v0", [] },
        { "kubo-v1", ["--cid-version", "1"] },
        { "unixfs-v1-2025", ["--profile", "unixfs-v1-2025"] },
        { "blake3", ["--cid-version", "1", "--hash", "blake3"] },
        { "trickle", ["--trickle"] },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Add_only_hash_prints_the_reference_cid_of_every_input_for_each_profile(string profile, string[] flags)
    {
        var expected = ReferenceVectors.FileCids(profile).Where(kv => kv.Key <= MaxSize).ToList();
        Assert.NotEmpty(expected);
        using var inputs = new TempDir();
        var full = InputGenerator.Generate(expected.Max(kv => kv.Key), 1);
        var names = new List<string>();
        foreach (var (size, _) in expected)
        {
            var name = $"f-{size}";
            inputs.Write(name, full.AsSpan(0, size).ToArray());
            names.Add(Path.Combine(inputs.Path, name));
        }
        var noRepo = Path.Combine(inputs.Path, "no-repo");

        var result = await CliRun.RunAsync(noRepo, ["add", "-n", .. flags, .. names]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = result.Lines.Select(l => l.Split(' ')).ToDictionary(p => p[2], p => p[1]);
        foreach (var (size, cid) in expected) Assert.Equal(cid, printed[$"f-{size}"]);
        Assert.False(Directory.Exists(noRepo), "add -n must not create a repo");
    }

    [Fact]
    public async Task Add_only_hash_of_the_reference_tree_gives_every_entry_cid_and_the_wrapped_root()
    {
        var vector = ReferenceVectors.Root.GetProperty("directories").GetProperty("kubo-v0");
        using var dir = new TempDir();
        dir.Write("root/a.txt", "hello\n"u8.ToArray());
        dir.Write("root/b/c.bin", InputGenerator.Generate(100000, 7));
        dir.Write("root/d1/d2/d3/f.txt", "deep\n"u8.ToArray());
        Directory.CreateDirectory(dir.Combine("root", "e"));

        var plain = await CliRun.RunAsync(null, "add", "-n", "-r", dir.Combine("root"));
        var wrapped = await CliRun.RunAsync(null, "add", "-n", "-r", "-w", "-Q", dir.Combine("root"));

        Assert.True(plain.ExitCode == 0, plain.ToString());
        var printed = plain.Lines.Select(l => l.Split(' ', 3)).ToDictionary(p => p[2], p => p[1]);
        foreach (var entry in vector.GetProperty("entries").EnumerateObject())
            Assert.Equal(entry.Value.GetString(), printed[entry.Name]);
        Assert.Equal("added " + vector.GetProperty("rootCid").GetString() + " root", plain.Lines[^1]);
        Assert.Equal(vector.GetProperty("wrapWithDirectoryCid").GetString(), wrapped.Stdout.Trim());
    }

    [Fact]
    public async Task Add_from_stdin_names_the_entry_by_its_cid_and_quieter_prints_only_the_root()
    {
        var named = await CliRun.RunAsync(null, ["add", "-n"], "hello\n"u8.ToArray());
        var quieter = await CliRun.RunAsync(null, ["add", "-n", "-Q", "--cid-version", "1", "-"], "hello\n"u8.ToArray());

        Assert.Equal("added QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN\n", named.Stdout);
        Assert.Equal("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am\n", quieter.Stdout);
    }
}
