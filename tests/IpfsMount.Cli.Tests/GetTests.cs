// `get` writes the added tree back to disk — files, subfolders and symlinks — the same with and without a daemon.
namespace IpfsMount.Cli.Tests;

public sealed class GetTests
{
    [Fact]
    public async Task Get_recreates_the_added_tree_locally_and_through_the_daemon()
    {
        using var repo = await TestRepo.InitAsync();
        var big = InputGenerator.Generate(600_000, 1);
        repo.Write("tree/a.txt", "a\n"u8.ToArray());
        repo.Write("tree/sub/big.bin", big);
        Directory.CreateDirectory(Path.Combine(repo.Files, "tree", "empty"));
        File.CreateSymbolicLink(Path.Combine(repo.Files, "tree", "link"), "sub/big.bin");
        var cid = (await repo.RunAsync("add", "-r", "-Q", Path.Combine(repo.Files, "tree"))).Stdout.Trim();
        var localOut = Path.Combine(repo.Files, "local-out");
        var remoteOut = Path.Combine(repo.Files, "remote-out");

        var local = await repo.RunAsync("get", "-o", localOut, cid);
        CliResult remote;
        await using (await DaemonProcess.StartAsync(repo.Repo)) remote = await repo.RunAsync("get", "-o", remoteOut, "/ipfs/" + cid);

        Assert.Equal($"Saving file(s) to {localOut}\n", local.Stdout);
        Assert.Equal($"Saving file(s) to {remoteOut}\n", remote.Stdout);
        foreach (var root in new[] { localOut, remoteOut })
        {
            Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(root, "a.txt")));
            Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(root, "sub", "big.bin")));
            Assert.True(Directory.Exists(Path.Combine(root, "empty")));
            Assert.Equal("sub/big.bin", new FileInfo(Path.Combine(root, "link")).LinkTarget);
        }
    }

    [Fact]
    public async Task Get_of_a_single_file_writes_that_file()
    {
        using var repo = await TestRepo.InitAsync();
        var cid = (await repo.RunAsync("add", "-Q", repo.Write("hello.txt", "hello\n"u8.ToArray()))).Stdout.Trim();
        var target = Path.Combine(repo.Files, "copy.txt");

        var result = await repo.RunAsync("get", "-o", target, cid);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello\n", await File.ReadAllTextAsync(target));
    }
}
