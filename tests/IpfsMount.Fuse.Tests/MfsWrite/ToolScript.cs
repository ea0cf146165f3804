// Runs one bash step script in a working directory with a fixed, reproducible environment (git identity and
// dates, HOME, locale, time zone), so the same script can run in `<mnt>/mfs/<dir>` and in a local directory.
using System.Diagnostics;

namespace IpfsMount.Fuse.Tests.MfsWrite;

internal static class ToolScript
{
    /// <summary>vim if installed, else vim.tiny (test.sh installs vim-tiny when neither is there).</summary>
    public static string Vim { get; } = File.Exists("/usr/bin/vim") ? "/usr/bin/vim" : "/usr/bin/vim.tiny";

    public static async Task<Shell.Result> RunAsync(string script, string workingDirectory, IReadOnlyDictionary<string, string> variables, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("/bin/bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        psi.Environment["LC_ALL"] = "C";
        psi.Environment["TZ"] = "UTC";
        psi.Environment["VIM"] = Vim;
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        psi.Environment["GIT_AUTHOR_NAME"] = "Mfs Proof";
        psi.Environment["GIT_AUTHOR_EMAIL"] = "mfsproof@example.invalid";
        psi.Environment["GIT_COMMITTER_NAME"] = "Mfs Proof";
        psi.Environment["GIT_COMMITTER_EMAIL"] = "mfsproof@example.invalid";
        psi.Environment["GIT_AUTHOR_DATE"] = "2026-01-02T03:04:05Z";
        psi.Environment["GIT_COMMITTER_DATE"] = "2026-01-02T03:04:05Z";
        foreach (var (k, v) in variables) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"step script in {workingDirectory} did not finish within {timeout.TotalSeconds} s:\n{script}");
        }
        return new Shell.Result(process.ExitCode, await stdout, await stderr);
    }
}
