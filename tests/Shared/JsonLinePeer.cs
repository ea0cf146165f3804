// Shared by the test projects: a child process speaking JSON lines (the Helia interop peer, tests/interop): start,
// read its first event, send commands, await answers with timeouts; Dispose kills the whole process tree.
using System.Diagnostics;
using System.Text.Json;

namespace IpfsMount.Testing;

internal sealed class JsonLinePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private int _disposed;

    private JsonLinePeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
            {
                if (_stderr.Count < 200)
                    _stderr.Add(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public JsonElement Listening { get; private set; }

    public string Addr => Listening.GetProperty("addr").GetString()!;

    public string PeerId => Listening.GetProperty("peer").GetString()!;

    public static async Task<JsonLinePeer> StartAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var peer = new JsonLinePeer(process);
        try
        {
            peer.Listening = await peer.ReadLineAsync(timeout);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command and returns its answer; throws with the peer's error text when ok is false.</summary>
    public async Task<JsonElement> CommandAsync(object command, TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
        var answer = await ReadLineAsync(timeout);
        if (!answer.GetProperty("ok").GetBoolean())
            throw new InvalidOperationException($"peer command {JsonSerializer.Serialize(command)} failed: {answer.GetProperty("error").GetString()}");
        return answer;
    }

    private async Task<JsonElement> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"peer gave no answer within {timeout.TotalSeconds:0} s; stderr: {StderrText()}");
        }
        if (line is null)
            throw new IOException($"peer exited (code {(_process.HasExited ? _process.ExitCode : -1)}); stderr: {StderrText()}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private string StderrText()
    {
        lock (_stderr)
            return string.Join('\n', _stderr.TakeLast(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(2000))
                    _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or IOException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
