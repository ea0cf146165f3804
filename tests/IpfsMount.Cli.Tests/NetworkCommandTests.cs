// `ipfsmount swarm peers|addrs|connect|disconnect`, `ping` and `cat` of peer-held content, run as the real executable
// against a running daemon (network on 127.0.0.1) and a Helia peer (tests/interop/bitswap-peer.mjs); and their
// errors: bad multiaddresses and peer IDs, unreachable peers, an offline daemon, no daemon.
using System.Text.RegularExpressions;
using IpfsMount.Testing;

namespace IpfsMount.Cli.Tests;

public sealed class NetworkCommandTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(120);

    private static Task<JsonLinePeer> StartHeliaAsync() =>
        JsonLinePeer.StartAsync(IpfsMount.Testing.TestRepo.Node, ["bitswap-peer.mjs"], IpfsMount.Testing.TestRepo.InteropDir, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Swarm_verbs_and_ping_connect_list_measure_and_drop_a_Helia_peer_and_cat_fetches_its_file()
    {
        using var repo = await TestRepo.InitAsync();
        var content = InputGenerator.Generate(1_500_000, 11);
        var source = repo.Write("helia.bin", content);
        await using var helia = await StartHeliaAsync();
        await using var daemon = await DaemonProcess.StartAsync(repo.Repo);
        var cid = (await helia.CommandAsync(new { cmd = "add-file", path = source }, Step)).GetProperty("cid").GetString()!;

        Assert.Equal("", Ok(await repo.RunAsync("swarm", "peers")));
        var peerId = Ok(await repo.RunAsync("id", "-f", "<id>")).Trim();
        Assert.Contains($"PeerID: {peerId}\n", daemon.Output + "\n");
        Assert.Matches(@"(^|\n)Swarm listening on /ip4/127\.0\.0\.1/tcp/[1-9]\d*(\n|$)", daemon.Output);
        Assert.Equal($"connect {helia.PeerId} success\n", Ok(await repo.RunAsync("swarm", "connect", helia.Addr)));
        Assert.Equal(helia.Addr + "\n", Ok(await repo.RunAsync("swarm", "peers")));

        var addrs = Ok(await repo.RunAsync("swarm", "addrs")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("listening:", addrs[0]);
        Assert.Matches(@"^\t/ip4/127\.0\.0\.1/tcp/[1-9]\d*$", addrs[1]);
        var heliaLine = Array.IndexOf(addrs, helia.PeerId);
        Assert.True(heliaLine > 1, "swarm addrs does not list the Helia peer:\n" + string.Join('\n', addrs));
        Assert.Equal("\t" + helia.Addr.Replace("/p2p/" + helia.PeerId, ""), addrs[heliaLine + 1]);

        var ping = Ok(await repo.RunAsync("ping", "-n", "3", helia.PeerId)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, ping.Length);
        Assert.All(ping[..3], line => Assert.Matches(@"^Pong received: time=\d+\.\d\d ms$", line));
        Assert.Matches($@"^Average latency to {helia.PeerId}: \d+\.\d\d ms$", ping[3]);

        // The daemon's reads go through Bitswap: a file only Helia holds comes out byte for byte.
        var cat = await repo.RunAsync("cat", cid);
        Assert.True(cat.ExitCode == 0, cat.ToString());
        Assert.Equal(content, cat.StdoutBytes);

        Assert.Equal($"disconnect {helia.PeerId} success\n", Ok(await repo.RunAsync("swarm", "disconnect", helia.PeerId)));
        Assert.Equal("", await PeersOnceSettledAsync(repo, ""));

        // Helia dials us at the address `id` reports: the connection shows up as a peer of ours.
        var ourAddress = Regex.Match(Ok(await repo.RunAsync("id", "-f", "<addrs>")), @"^/ip4/127\.0\.0\.1/tcp/\d+/p2p/\w+$", RegexOptions.Multiline).Value;
        Assert.NotEmpty(ourAddress);
        await helia.CommandAsync(new { cmd = "dial", addr = ourAddress }, Step);
        Assert.StartsWith("/ip4/127.0.0.1/tcp/", await PeersOnceSettledAsync(repo, "/p2p/" + helia.PeerId + "\n"));
    }

    [Fact]
    public async Task Swarm_verbs_and_ping_give_one_clear_error_line_for_bad_input_unreachable_peers_and_no_peer()
    {
        using var repo = await TestRepo.InitAsync();
        const string somePeer = "12D3KooWGratPAk4YXBVuR7HKRgxvN5XQkooaGnncsp7sPmsJqUx"; // valid, never connected
        await using var daemon = await DaemonProcess.StartAsync(repo.Repo);

        await AssertErrorAsync(repo, "Error: invalid multiaddress '/ip4/1.2.3/tcp/4001': '1.2.3' is not an IPv4 address\n", "swarm", "connect", "/ip4/1.2.3/tcp/4001");
        await AssertErrorAsync(repo, "Error: cannot connect to 127.0.0.1:1: Connection refused\n", "swarm", "connect", $"/ip4/127.0.0.1/tcp/1/p2p/{somePeer}");
        await AssertErrorAsync(repo, $"Error: not connected to {somePeer}\n", "swarm", "disconnect", somePeer);
        await AssertErrorAsync(repo, $"Error: no connection to {somePeer} and no known address to dial\n", "ping", somePeer);
        var badPeer = await repo.RunAsync("ping", "12D3KooWGratPAk");
        LocalAndDaemonOutputTests.AssertOneErrorLine(badPeer);
        Assert.StartsWith("Error: '12D3KooWGratPAk' is not a peer ID: ", badPeer.Stderr);
        // With nobody connected a block that is not local cannot come: a clear error at once, not a hang.
        await AssertErrorAsync(repo, "Error: block bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy not found\n", "cat", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    }

    [Fact]
    public async Task Swarm_and_ping_say_the_daemon_is_offline_or_missing_instead_of_failing_obscurely()
    {
        using var repo = await TestRepo.InitAsync();
        const string message = "Error: this command needs a running daemon (start `ipfsmount daemon`); none found for ";
        var none = await repo.RunAsync("swarm", "peers");
        LocalAndDaemonOutputTests.AssertOneErrorLine(none);
        Assert.Equal(message + repo.Repo + "\n", none.Stderr);

        await using var daemon = await DaemonProcess.StartAsync(repo.Repo, "--offline");
        const string offline = "Error: this command needs the network, but the daemon runs offline (started with --offline)\n";
        await AssertErrorAsync(repo, offline, "swarm", "peers");
        await AssertErrorAsync(repo, offline, "swarm", "addrs");
        await AssertErrorAsync(repo, offline, "swarm", "connect", "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWGratPAk4YXBVuR7HKRgxvN5XQkooaGnncsp7sPmsJqUx");
        await AssertErrorAsync(repo, offline, "ping", "12D3KooWGratPAk4YXBVuR7HKRgxvN5XQkooaGnncsp7sPmsJqUx");
        var id = Ok(await repo.RunAsync("id"));
        Assert.Contains("\"Addresses\": null", id);
    }

    private static string Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0 && result.Stderr == "", result.ToString());
        return result.Stdout;
    }

    private static async Task AssertErrorAsync(TestRepo repo, string expectedStderr, params string[] args)
    {
        var result = await repo.RunAsync(args);
        LocalAndDaemonOutputTests.AssertOneErrorLine(result);
        Assert.Equal(expectedStderr, result.Stderr);
    }

    /// <summary>`swarm peers` once it ends with <paramref name="suffix"/> (connections open and close asynchronously); at most 10 s.</summary>
    private static async Task<string> PeersOnceSettledAsync(TestRepo repo, string suffix)
    {
        var peers = Ok(await repo.RunAsync("swarm", "peers"));
        for (var i = 0; i < 50 && !(suffix.Length == 0 ? peers.Length == 0 : peers.EndsWith(suffix, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(200);
            peers = Ok(await repo.RunAsync("swarm", "peers"));
        }
        return peers;
    }
}
