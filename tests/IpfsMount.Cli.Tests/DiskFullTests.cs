// A full disk (ENOSPC) during `add` is one clear error line, not a crash: the repo lives on a tiny tmpfs.
using System.Diagnostics;

namespace IpfsMount.Cli.Tests;

public sealed class DiskFullTests
{
    [Fact]
    public async Task Adding_more_than_the_disk_holds_fails_with_no_space_left_on_device()
    {
        using var dir = new TempDir();
        var mountPoint = dir.Combine("tiny");
        Directory.CreateDirectory(mountPoint);
        Assert.True(await RunAsync("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint) == 0, "needs root to mount a tmpfs");
        try
        {
            var repo = Path.Combine(mountPoint, "repo");
            var init = await CliRun.RunAsync(repo, "init");
            Assert.True(init.ExitCode == 0, init.ToString());
            var input = dir.Write("big.bin", InputGenerator.Generate(30_000_000, 3));

            var result = await CliRun.RunAsync(repo, "add", input);

            LocalAndDaemonOutputTests.AssertOneErrorLine(result);
            Assert.Contains("No space left on device", result.Stderr, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await RunAsync("umount", "-l", mountPoint);
        }
    }

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }
}
