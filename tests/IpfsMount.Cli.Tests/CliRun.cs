// Runs the real `ipfsmount` executable (dotnet ipfsmount.dll) with a repo path, stdin and a timeout.
using System.Diagnostics;
using System.Text;

namespace IpfsMount.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes)
{
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

internal static class CliRun
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static async Task<CliResult> RunAsync(string? repo, IReadOnlyList<string> args, byte[]? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(repo, args, workingDirectory);
        var stdout = new MemoryStream();
        var readOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var readErr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the command may exit without reading stdin
        }
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ipfsmount {string.Join(' ', args)} did not finish within {timeout ?? DefaultTimeout}");
        }
        await readOut;
        var bytes = stdout.ToArray();
        return new CliResult(process.ExitCode, Encoding.UTF8.GetString(bytes), await readErr, bytes);
    }

    public static Task<CliResult> RunAsync(string? repo, params string[] args) => RunAsync(repo, (IReadOnlyList<string>)args);

    public static Process Start(string? repo, IReadOnlyList<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(RepoRoot.CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["IPFSMOUNT_PATH"] = repo ?? Path.Combine(Path.GetTempPath(), "ipfsmount-no-repo-" + Guid.NewGuid().ToString("N"));
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["IPFSMOUNT_SWARM_LISTEN"] = "/ip4/127.0.0.1/tcp/0"; // daemons under test: loopback only
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
