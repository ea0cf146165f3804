// `history --limit/--offset` pages (the whole log and one path's), the same with and without a daemon, and a new
// MFS root that follows `init --profile` (Kubo: CIDv0 unless configured).
namespace IpfsMount.Cli.Tests;

public sealed class MfsHistoryPagingTests
{
    private const string EmptyDirV0 = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";
    private const string EmptyDirV1 = "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354";

    [Fact]
    public async Task History_pages_are_slices_of_the_whole_history_with_and_without_a_daemon()
    {
        using var repo = await TestRepo.InitAsync();
        for (int i = 0; i < 8; i++)
        {
            await Ok(repo.RunAsync("files", "mkdir", $"/d{i}"));
            if (i % 3 == 0) await Ok(repo.RunAsync("files", "mkdir", $"/d0/sub{i}")); // /d0 changes in versions 1, 2, 5, 8
        }
        var all = (await Ok(repo.RunAsync("history"))).Lines;
        Assert.Equal(11, all.Length);
        var d0 = (await Ok(repo.RunAsync("history", "/d0"))).Lines;
        Assert.Equal(4, d0.Length);

        foreach (var daemon in new[] { false, true })
        {
            await using var process = daemon ? await DaemonProcess.StartAsync(repo.Repo) : null;
            Assert.Equal(all[6..9], (await Ok(repo.RunAsync("history", "-n", "3", "--offset", "2"))).Lines);
            Assert.Equal(all[^4..], (await Ok(repo.RunAsync("history", "--limit", "4"))).Lines);
            Assert.Equal(all[..3], (await Ok(repo.RunAsync("history", "--offset", "8"))).Lines);
            Assert.Empty((await Ok(repo.RunAsync("history", "--offset", "11"))).Lines);
            Assert.Equal(d0[1..3], (await Ok(repo.RunAsync("history", "/d0", "-n", "2", "--offset", "1"))).Lines);
            Assert.Equal(d0[..1], (await Ok(repo.RunAsync("history", "/d0", "--offset", "3"))).Lines);
            var bad = await repo.RunAsync("history", "--offset", "-1");
            Assert.Equal(1, bad.ExitCode);
            Assert.Equal("Error: --offset must not be negative\n", bad.Stderr);
        }
    }

    [Theory]
    [InlineData(null, EmptyDirV0, "Qm")]
    [InlineData("kubo", EmptyDirV0, "Qm")]
    [InlineData("test-cid-v1", EmptyDirV1, "bafk")]
    [InlineData("kubo-v1", EmptyDirV1, "bafk")]
    public async Task A_new_mfs_root_and_its_files_follow_the_init_profile(string? profile, string emptyRoot, string filePrefix)
    {
        using var dir = new TempDir("ipfsmount-profile-");
        var repo = dir.Combine("repo");
        await Ok(profile is null ? CliRun.RunAsync(repo, "init") : CliRun.RunAsync(repo, "init", "--profile", profile));
        Assert.Equal(emptyRoot + "\n", (await Ok(CliRun.RunAsync(repo, "files", "stat", "--hash", "/"))).Stdout);
        var input = dir.Write("hello.txt", "hello\n"u8.ToArray());
        await Ok(CliRun.RunAsync(repo, "files", "write", "-e", "/hello.txt", input));
        Assert.StartsWith(filePrefix, (await Ok(CliRun.RunAsync(repo, "files", "stat", "--hash", "/hello.txt"))).Stdout);
        Assert.StartsWith(emptyRoot[..2], (await Ok(CliRun.RunAsync(repo, "files", "stat", "--hash", "/"))).Stdout);
    }

    [Theory]
    [InlineData(null, new string[0], "Qm")]
    [InlineData("test-cid-v1", new string[0], "bafk")]
    [InlineData("test-cid-v1", new[] { "--cid-version", "0" }, "Qm")]
    [InlineData("test-cid-v1", new[] { "--profile", "kubo" }, "Qm")]
    public async Task Add_starts_from_the_init_profile_and_its_flags_still_win(string? profile, string[] flags, string prefix)
    {
        using var dir = new TempDir("ipfsmount-profile-");
        var repo = dir.Combine("repo");
        await Ok(profile is null ? CliRun.RunAsync(repo, "init") : CliRun.RunAsync(repo, "init", "--profile", profile));
        var input = dir.Write("hello.txt", "hello\n"u8.ToArray());
        string[] args = ["add", "-Q", .. flags, input];
        var cid = (await Ok(CliRun.RunAsync(repo, args))).Stdout.Trim();
        Assert.StartsWith(prefix, cid);
        // The same bytes added with the profile named explicitly give the same CID (Kubo's Import config works so).
        if (profile is not null && flags.Length == 0)
        {
            Assert.Equal(cid, (await Ok(CliRun.RunAsync(repo, "add", "-Q", "--profile", profile, input))).Stdout.Trim());
        }
    }

    [Fact]
    public async Task Init_refuses_an_unknown_profile_before_creating_the_repo()
    {
        using var dir = new TempDir("ipfsmount-profile-");
        var result = await CliRun.RunAsync(dir.Combine("repo"), "init", "--profile", "nope");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: unknown import profile 'nope'", result.Stderr);
        Assert.False(Directory.Exists(dir.Combine("repo")));
    }

    private static async Task<CliResult> Ok(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
