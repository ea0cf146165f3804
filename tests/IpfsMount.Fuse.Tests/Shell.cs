// Runs external tools (cp, find, tar, getfattr …) against a mount, always with a timeout.
using System.Diagnostics;

namespace IpfsMount.Fuse.Tests;

internal static class Shell
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(string command, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("/bin/bash", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "/",
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<string> CheckAsync(string command, TimeSpan? timeout = null)
    {
        var r = await RunAsync(command, timeout);
        if (r.ExitCode != 0) throw new InvalidOperationException($"'{command}' failed ({r.ExitCode}): {r.Stderr}");
        return r.Stdout;
    }
}
