// Test support: runs tests/interop/peer-libp2p.mjs (js-libp2p on 127.0.0.1) and talks to it with JSON lines.
// The process is killed on dispose; every request has a timeout.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IpfsMount.Net.Tests.Support;

internal sealed class JsLibp2pPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly System.Text.StringBuilder _stderr = new();
    private int _nextId;

    private JsLibp2pPeer(Process process, string peerId, string address)
    {
        _process = process;
        PeerId = peerId;
        Address = address;
    }

    public string PeerId { get; }

    public string Address { get; }

    public static async Task<JsLibp2pPeer> StartAsync()
    {
        if (!File.Exists(RepoRoot.Node))
            throw new InvalidOperationException($"Node 22 not found at {RepoRoot.Node}; run `npm ci` in tests/interop (test.sh does)");
        var psi = new ProcessStartInfo(RepoRoot.Node, "peer-libp2p.mjs")
        {
            WorkingDirectory = RepoRoot.InteropDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (first is null) throw new InvalidOperationException("js peer exited: " + await process.StandardError.ReadToEndAsync());
            var hello = JsonNode.Parse(first)!.AsObject();
            var peer = new JsLibp2pPeer(process, hello["peerId"]!.GetValue<string>(), hello["addrs"]![0]!.GetValue<string>());
            peer.StartReading();
            return peer;
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    public async Task<JsonObject> SendAsync(object command, TimeSpan? timeout = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        var node = JsonSerializer.SerializeToNode(command)!.AsObject();
        node["id"] = id;
        await _process.StandardInput.WriteLineAsync(node.ToJsonString());
        await _process.StandardInput.FlushAsync();
        var reply = await tcs.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        if (reply["ok"]?.GetValue<bool>() != true)
            throw new InvalidOperationException("js peer failed: " + reply["error"] + "\nstderr: " + StdErr);
        return reply;
    }

    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    private void StartReading()
    {
        _ = Task.Run(async () =>
        {
            string? line;
            while ((line = await _process.StandardOutput.ReadLineAsync()) is not null)
            {
                try
                {
                    var obj = JsonNode.Parse(line)!.AsObject();
                    if (obj["id"] is JsonValue v && _pending.TryRemove(v.GetValue<int>(), out var tcs)) tcs.TrySetResult(obj);
                }
                catch (JsonException)
                {
                    // Not a reply line.
                }
            }
        });
        _ = Task.Run(async () =>
        {
            string? line;
            while ((line = await _process.StandardError.ReadLineAsync()) is not null)
                lock (_stderr) if (_stderr.Length < 64_000) _stderr.AppendLine(line);
        });
    }

    private static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }
}
