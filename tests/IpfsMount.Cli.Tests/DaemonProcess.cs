// A real `ipfsmount daemon` started by a test: waits for "Daemon is ready" (with a timeout) and is always
// stopped at dispose (SIGTERM, then kill after a grace period).
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IpfsMount.Cli.Tests;

internal sealed partial class DaemonProcess : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DaemonProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<DaemonProcess> StartAsync(string repo, params string[] extraArgs)
    {
        var daemon = new DaemonProcess(CliRun.Start(repo, ["daemon", .. extraArgs]));
        var exited = daemon._process.WaitForExitAsync();
        var first = await Task.WhenAny(daemon._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != daemon._ready.Task)
        {
            await daemon.DisposeAsync();
            throw new InvalidOperationException("daemon did not become ready:\n" + daemon.Output);
        }
        return daemon;
    }

    /// <summary>Sends a signal and waits for the process to exit; returns false on timeout.</summary>
    public async Task<bool> StopAsync(int signal, TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        _ = Kill(_process.Id, signal);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!await StopAsync(SigTerm, TimeSpan.FromSeconds(15))) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (line.Contains("Daemon is ready", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
