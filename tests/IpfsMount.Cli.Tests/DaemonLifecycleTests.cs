// `ipfsmount daemon` as a process: the api file, signals, the repo lock, a stale api file, the Unix socket.
namespace IpfsMount.Cli.Tests;

public sealed class DaemonLifecycleTests
{
    [Theory]
    [InlineData(DaemonProcess.SigTerm)]
    [InlineData(DaemonProcess.SigInt)]
    public async Task The_daemon_writes_its_address_to_the_api_file_and_removes_it_on_a_signal(int signal)
    {
        using var repo = await TestRepo.InitAsync();
        var apiFile = Path.Combine(repo.Repo, "api");
        await using var daemon = await DaemonProcess.StartAsync(repo.Repo);

        var address = (await File.ReadAllTextAsync(apiFile)).Trim();
        Assert.Matches(@"^/ip4/127\.0\.0\.1/tcp/\d+$", address);
        Assert.Contains($"API server listening on {address}", daemon.Output);

        Assert.True(await daemon.StopAsync(signal, TimeSpan.FromSeconds(20)), "daemon did not stop on the signal");
        Assert.Equal(0, daemon.ExitCode);
        Assert.False(File.Exists(apiFile));
    }

    [Fact]
    public async Task A_second_daemon_on_the_same_repo_fails_with_a_clear_message()
    {
        using var repo = await TestRepo.InitAsync();
        await using var first = await DaemonProcess.StartAsync(repo.Repo);

        var second = await repo.RunAsync("daemon");

        LocalAndDaemonOutputTests.AssertOneErrorLine(second);
        Assert.Contains("already running", second.Stderr);
        Assert.False(first.HasExited);
    }

    [Fact]
    public async Task Without_the_api_file_a_command_meets_the_repo_lock_and_says_so()
    {
        using var repo = await TestRepo.InitAsync();
        await using var daemon = await DaemonProcess.StartAsync(repo.Repo);
        var apiFile = Path.Combine(repo.Repo, "api");
        File.Move(apiFile, apiFile + ".hidden");
        try
        {
            var result = await repo.RunAsync("repo", "stat");

            LocalAndDaemonOutputTests.AssertOneErrorLine(result);
            Assert.Matches("(?i)locked|in use by another process", result.Stderr);
        }
        finally
        {
            File.Move(apiFile + ".hidden", apiFile);
        }
    }

    [Fact]
    public async Task A_stale_api_file_is_ignored_and_the_repo_is_used_directly()
    {
        using var repo = await TestRepo.InitAsync();
        await File.WriteAllTextAsync(Path.Combine(repo.Repo, "api"), "/ip4/127.0.0.1/tcp/9\n"); // discard port: nobody answers

        var result = await repo.RunAsync("repo", "stat");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("NumObjects: 0\n", result.Stdout);
    }

    [Fact]
    public async Task The_api_can_be_served_on_a_unix_socket_in_the_repo()
    {
        using var repo = await TestRepo.InitAsync();
        var hello = repo.Write("hello.txt", "hello\n"u8.ToArray());
        await using var daemon = await DaemonProcess.StartAsync(repo.Repo, "--api-socket");

        var address = (await File.ReadAllTextAsync(Path.Combine(repo.Repo, "api"))).Trim();
        var add = await repo.RunAsync("add", hello);
        var locked = await CliRun.RunAsync(repo.Repo, "--repo-dir", repo.Repo, "pin", "ls", "-q");

        Assert.Equal("/unix" + Path.Combine(repo.Repo, "api.sock"), address);
        Assert.Equal("added QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN hello.txt\n", add.Stdout);
        Assert.Equal("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN\n", locked.Stdout); // went through the daemon, not the locked repo
    }
}
