// `ipfsmount swarm peers|addrs|connect|disconnect` and `ipfsmount ping`: ask the running daemon's network
// component (POST /api/v0/swarm/*, /api/v0/ping); they need `ipfsmount daemon` to be running.
using System.CommandLine;
using System.Text.Json;
using IpfsMount.Daemon.Http;

namespace IpfsMount.Cli.Commands;

internal static class NetworkCommands
{
    private static readonly Option<int> Count = new("--count", "-n") { Description = "Number of pings (1-100)", DefaultValueFactory = _ => 3 };

    public static Command CreateSwarm()
    {
        var swarm = Verb.Create("swarm", "Inspect and change the node's peer connections (needs a running daemon).",
            "ipfsmount swarm peers", "ipfsmount swarm connect /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…");
        var peers = Verb.Create("peers", "List connected peers.", "ipfsmount swarm peers");
        peers.SetAction((parse, ct) => CallAsync(parse, "swarm/peers", null, doc =>
        {
            foreach (var p in doc.GetProperty("peers").EnumerateArray())
                Console.WriteLine($"{p.GetProperty("addr").GetString()}/p2p/{p.GetProperty("peer").GetString()}");
        }, ct));
        var addrs = Verb.Create("addrs", "List this node's listen addresses and the addresses known for other peers.", "ipfsmount swarm addrs");
        addrs.SetAction((parse, ct) => CallAsync(parse, "swarm/addrs", null, doc =>
        {
            Console.WriteLine("listening:");
            foreach (var a in doc.GetProperty("listen").EnumerateArray()) Console.WriteLine("\t" + a.GetString());
            foreach (var peer in doc.GetProperty("known").EnumerateObject())
            {
                Console.WriteLine(peer.Name);
                foreach (var a in peer.Value.EnumerateArray()) Console.WriteLine("\t" + a.GetString());
            }
        }, ct));
        var address = Verb.Required("address", "Multiaddress with /p2p/<peer id>");
        var connect = Verb.Create("connect", "Open a connection to a peer.", "ipfsmount swarm connect /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…");
        connect.Arguments.Add(address);
        connect.SetAction((parse, ct) => CallAsync(parse, "swarm/connect", parse.GetValue(address), PrintStrings, ct));
        var peer = Verb.Required("peer", "Peer ID or multiaddress with /p2p/");
        var disconnect = Verb.Create("disconnect", "Close the connections to a peer.", "ipfsmount swarm disconnect 12D3KooW…");
        disconnect.Arguments.Add(peer);
        disconnect.SetAction((parse, ct) => CallAsync(parse, "swarm/disconnect", parse.GetValue(peer), PrintStrings, ct));
        swarm.Subcommands.Add(peers);
        swarm.Subcommands.Add(addrs);
        swarm.Subcommands.Add(connect);
        swarm.Subcommands.Add(disconnect);
        return swarm;
    }

    public static Command CreatePing()
    {
        var target = Verb.Required("peer", "Peer ID (connected or known) or multiaddress with /p2p/");
        var ping = Verb.Create("ping", "Measure round trips to a peer with /ipfs/ping/1.0.0 (needs a running daemon).",
            "ipfsmount ping 12D3KooW…", "ipfsmount ping -n 10 /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…");
        ping.Arguments.Add(target);
        ping.Options.Add(Count);
        ping.SetAction((parse, ct) => CallAsync(parse, "ping", parse.GetValue(target), doc =>
        {
            var who = doc.GetProperty("peer").GetString();
            var times = doc.GetProperty("timesMs").EnumerateArray().Select(t => t.GetDouble()).ToList();
            foreach (var t in times) Console.WriteLine($"Pong received: time={t:F2} ms");
            Console.WriteLine($"Average latency to {who}: {times.Average():F2} ms");
        }, ct, $"&count={Math.Clamp(parse.GetValue(Count), 1, 100)}"));
        return ping;
    }

    private static void PrintStrings(JsonElement doc)
    {
        foreach (var s in doc.GetProperty("strings").EnumerateArray()) Console.WriteLine(s.GetString());
    }

    private static async Task<int> CallAsync(ParseResult parse, string path, string? arg, Action<JsonElement> print, CancellationToken ct, string extraQuery = "")
    {
        var repo = CliOptions.RepoPath(parse);
        if (ApiAddress.TryRead(repo) is not { } address)
        {
            await Console.Error.WriteLineAsync($"Error: this command needs a running daemon (start `ipfsmount daemon`); none found for {repo}");
            return 1;
        }
        using var http = address.CreateHttpClient(TimeSpan.FromSeconds(60));
        var query = arg is null ? "" : "?arg=" + Uri.EscapeDataString(arg);
        if (extraQuery.Length > 0) query += query.Length == 0 ? "?" + extraQuery[1..] : extraQuery;
        using var response = await http.PostAsync("api/v0/" + path + query, null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            await Console.Error.WriteLineAsync("Error: " + ErrorText(body, (int)response.StatusCode));
            return 1;
        }
        using var doc = JsonDocument.Parse(body);
        print(Normalize(doc.RootElement));
        return 0;
    }

    /// <summary>The API writes camelCase or PascalCase depending on its JSON options; read both.</summary>
    private static JsonElement Normalize(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return e;
        var lowered = e.EnumerateObject().ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p => Normalize(p.Value));
        return JsonSerializer.SerializeToElement(lowered);
    }

    private static string ErrorText(string body, int status)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Name.Equals("message", StringComparison.OrdinalIgnoreCase)) return p.Value.GetString() ?? body;
        }
        catch (JsonException)
        {
        }
        return $"daemon answered {status}: {body}";
    }
}
