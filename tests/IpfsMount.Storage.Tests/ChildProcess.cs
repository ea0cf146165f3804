// Runs this test assembly as a child process in one of CrashChildProgram's modes; reads its stdout lines, kills it with SIGKILL.
namespace IpfsMount.Storage.Tests;

using System.Diagnostics;
using System.Threading.Channels;

internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the child process");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.StdErr.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public List<string> StdErr { get; } = [];

    /// <summary>Waits for a stdout line starting with <paramref name="prefix"/>; fails on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (line.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"child did not print '{prefix}' within {timeout}; stderr: {string.Join('\n', StdErr)}");
        }

        throw new InvalidOperationException($"child exited before printing '{prefix}'; stderr: {string.Join('\n', StdErr)}");
    }

    /// <summary>Lines printed so far (drains the buffer).</summary>
    public List<string> Drain()
    {
        var lines = new List<string>();
        while (_lines.Reader.TryRead(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>SIGKILL, then wait (bounded) for the exit.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
