// Repo lifecycle: init writes config and meta, open errors, config validation, the exclusive lock.
namespace IpfsMount.Storage.Tests;

public sealed class RepoTests
{
    [Fact]
    public void Init_writes_the_default_config_and_open_reads_it_back()
    {
        using var dir = new TempRepo();
        using (dir.Init())
        {
        }

        var json = File.ReadAllText(Path.Combine(dir.Path, "config"));
        Assert.Contains("/ip4/0.0.0.0/tcp/4001", json);
        Assert.Contains("/ip6/::/tcp/4001", json);
        using var repo = dir.Open();
        Assert.Equal(RepoConfig.CreateDefault().Swarm, repo.Config.Swarm);
        Assert.Equal(RepoConfig.CreateDefault().Mount, repo.Config.Mount);
        Assert.Equal(256L * 1024 * 1024, repo.Config.BlockCacheBytes);
        Assert.Equal(1, repo.Stat().Version);
    }

    [Fact]
    public void A_changed_config_is_saved_and_reloaded()
    {
        using var dir = new TempRepo();
        using (var repo = dir.Init())
        {
            repo.SaveConfig(repo.Config with { GcWatermarkPercent = 75, Mount = repo.Config.Mount with { Dir = "/mnt/x" } });
        }

        using var reopened = dir.Open();
        Assert.Equal(75, reopened.Config.GcWatermarkPercent);
        Assert.Equal("/mnt/x", reopened.Config.Mount.ResolveDir());
    }

    [Fact]
    public void A_bad_config_value_is_reported_with_the_field_name()
    {
        var e = Assert.Throws<RepoConfigException>(() => RepoConfig.FromJson("{\"GcWatermarkPercent\": 250}", "test"));
        Assert.Contains("GcWatermarkPercent", e.Message);
        var e2 = Assert.Throws<RepoConfigException>(() => RepoConfig.FromJson("{\"Swarn\": []}", "test"));
        Assert.Contains("Swarn", e2.Message);
    }

    [Fact]
    public void Open_of_a_missing_repo_says_to_run_init()
    {
        using var dir = new TempRepo();
        var e = Assert.Throws<RepoNotFoundException>(() => dir.Open());
        Assert.Contains("ipfsmount init", e.Message);
        Assert.Contains(dir.Path, e.Message);
    }

    [Fact]
    public void Init_over_an_existing_repo_is_refused()
    {
        using var dir = new TempRepo();
        using (dir.Init())
        {
        }

        Assert.Contains("already exists", Assert.Throws<RepoException>(() => dir.Init()).Message);
    }

    [Fact]
    public void A_second_open_in_the_same_process_is_refused_as_locked()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init();
        var e = Assert.Throws<RepoLockedException>(() => dir.Open());
        Assert.Contains($"repo at {dir.Path} is in use by another process (pid {Environment.ProcessId}?)", e.Message);
    }

    [Fact]
    public async Task A_repo_held_by_another_process_throws_RepoLockedException_with_its_pid()
    {
        using var dir = new TempRepo();
        using (dir.Init())
        {
        }

        using var child = ChildProcess.Start("hold", dir.Path);
        try
        {
            await child.WaitForLineAsync("holding", TimeSpan.FromSeconds(30));
            var e = Assert.Throws<RepoLockedException>(() => dir.Open());
            Assert.Equal(child.Pid, e.HolderPid);
            Assert.Equal($"repo at {dir.Path} is in use by another process (pid {child.Pid}?); talk to the running daemon or stop it", e.Message);
        }
        finally
        {
            child.Kill();
        }

        using var reopened = dir.Open(); // the lock dies with its process
        Assert.True(reopened.Verify().Ok);
    }

    [Fact]
    public async Task The_gc_watermark_trips_once_block_bytes_pass_the_configured_share_of_the_budget()
    {
        using var dir = new TempRepo();
        using var repo = dir.Init(new RepoInitOptions { Config = new RepoConfig { StorageMaxBytes = 1 << 20, GcWatermarkPercent = 50 } });
        Assert.False(repo.IsAboveGcWatermark());
        foreach (var (cid, data) in TestDag.Tree(31, files: 1, chunks: 12, chunkSize: 64 * 1024))
        {
            await repo.Blocks.PutAsync(cid, data);
        }

        Assert.True(repo.EstimatedBlockBytes >= 12 * 64 * 1024, $"estimate {repo.EstimatedBlockBytes}");
        Assert.True(repo.IsAboveGcWatermark());
    }

    [Fact]
    public async Task Using_a_disposed_repo_throws_ObjectDisposedException_instead_of_crashing()
    {
        using var dir = new TempRepo();
        var repo = dir.Init();
        var (cid, data) = TestDag.Raw("x");
        await repo.Blocks.PutAsync(cid, data);
        repo.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await repo.LocalBlocks.GetAsync(cid));
        Assert.Throws<ObjectDisposedException>(() => repo.Pins.ListStored());
    }
}
