// The same verbs give byte-identical stdout, stderr and exit codes whether the CLI opens the repo itself or
// goes through a running daemon (RemoteNode over the HTTP API).
using System.Text.RegularExpressions;

namespace IpfsMount.Cli.Tests;

public sealed partial class LocalAndDaemonOutputTests
{
    private const string Hello = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN";
    private const string AbsentCid = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"; // empty raw block, never added

    [Fact]
    public async Task Read_and_idempotent_verbs_print_the_same_through_the_daemon_as_locally()
    {
        using var repo = await TestRepo.InitAsync();
        var big = InputGenerator.Generate(1_048_577, 1);
        var bigPath = repo.Write("big.bin", big);
        var hello = repo.Write("hello.txt", "hello\n"u8.ToArray());
        var tree = MakeTree(repo);
        var treeCid = (await repo.RunAsync("add", "-r", "-Q", tree)).Stdout.Trim();
        var bigCid = (await repo.RunAsync("add", "-Q", bigPath)).Stdout.Trim();
        Assert.Equal("QmVDSwssFPtW2uQ1wCoyhew49xHXi3bR8gmsXNJtHXVXja", bigCid); // reference kubo-v0 CID of gen(1048577, 1)

        string[][] script =
        [
            ["add", hello], ["add", "-r", tree], ["add", "--cid-version", "1", bigPath], ["add", "-w", hello, bigPath],
            ["cat", Hello], ["cat", "--offset", "262000", "--length", "1000", bigCid], ["cat", "/ipfs/" + treeCid + "/sub/b.txt"],
            ["ls", treeCid], ["pin", "ls"], ["pin", "ls", "--type", "recursive", "-q"], ["pin", "verify", "--verbose"],
            ["repo", "stat"], ["repo", "verify"], ["block", "stat", Hello], ["block", "get", Hello],
            ["dag", "export", treeCid], ["id"], ["key", "list", "-l"], ["version"],
            ["cat", "QmBad"], ["block", "stat", AbsentCid], ["cat", AbsentCid], ["pin", "rm", AbsentCid], ["ls", "not-a-cid"],
        ];
        var local = new List<CliResult>();
        foreach (var args in script) local.Add(await repo.RunAsync(args));

        await using (var daemon = await DaemonProcess.StartAsync(repo.Repo))
        {
            for (var i = 0; i < script.Length; i++)
            {
                var remote = await repo.RunAsync(script[i]);
                var verb = string.Join(' ', script[i]);
                if (verb == "id")
                {
                    AssertSameIdentityAndDaemonAddresses(local[i], remote);
                    continue;
                }
                if (verb == "repo stat")
                {
                    // RepoSize is the repo's size on disk (like Kubo's), which a running daemon changes by its own
                    // writes (WAL, manifest): the rest is compared exactly, RepoSize must count the content.
                    Assert.Equal(RepoSizeMasked(local[i].Stdout), RepoSizeMasked(remote.Stdout));
                    Assert.True(RepoSize(local[i].Stdout) > big.Length && RepoSize(remote.Stdout) > big.Length, $"{local[i].Stdout}\n{remote.Stdout}");
                    continue;
                }
                Assert.True(local[i].ExitCode == remote.ExitCode, $"{verb}: exit {local[i].ExitCode} locally, {remote.ExitCode} via daemon\n{remote}");
                Assert.True(local[i].StdoutBytes.AsSpan().SequenceEqual(remote.StdoutBytes), $"{verb}: stdout differs\nlocal: {local[i].Stdout}\nremote: {remote.Stdout}");
                Assert.Equal(local[i].Stderr, remote.Stderr);
            }
        }

        // and the outputs are right, not merely equal
        Assert.Equal("hello\n", local[4].Stdout);
        Assert.Equal(big.AsSpan(262000, 1000).ToArray(), local[5].StdoutBytes);
        Assert.Equal("b\n", local[6].Stdout);
        Assert.Contains(local[7].Lines, l => Regex.IsMatch(l, @"^Qm\w{44} +- +sub/$"));
        Assert.Contains(local[7].Lines, l => Regex.IsMatch(l, @"^Qm\w{44} +2 +a\.txt$"));
        Assert.Contains($"{treeCid} recursive", local[8].Lines);
        Assert.Equal($"Key: {Hello}\nSize: 14\n", local[13].Stdout);
        Assert.Equal("verified repo integrity\n", local[12].Stdout);
        Assert.Matches(@"^NumObjects: +\d+\nRepoSize: +\d+\nStorageMax: +\d+\nRepoPath: +.+\nVersion: +fs-repo@\d+\n$", local[11].Stdout);
        Assert.Equal(Convert.FromHexString("0a0c08021206" + Convert.ToHexString("hello\n"u8) + "1806"), local[14].StdoutBytes);
        for (var i = 19; i < script.Length; i++) AssertOneErrorLine(local[i]);
    }

    private static string RepoSizeMasked(string stat) => Regex.Replace(stat, @"(?m)^RepoSize: +\d+$", "RepoSize: <n>");

    private static long RepoSize(string stat) => long.Parse(Regex.Match(stat, @"(?m)^RepoSize: +(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Mutating_verbs_give_the_same_output_in_a_fresh_repo_with_and_without_daemon()
    {
        var withoutDaemon = await RunMutatingScriptAsync(useDaemon: false);
        var withDaemon = await RunMutatingScriptAsync(useDaemon: true);

        Assert.Equal(withoutDaemon.Count, withDaemon.Count);
        for (var i = 0; i < withoutDaemon.Count; i++) Assert.Equal(withoutDaemon[i], withDaemon[i]);
        Assert.Contains("removed ", withoutDaemon.Single(s => s.StartsWith("repo gc", StringComparison.Ordinal)));
    }

    private static async Task<List<string>> RunMutatingScriptAsync(bool useDaemon)
    {
        using var repo = await TestRepo.InitAsync();
        var hello = repo.Write("hello.txt", "hello\n"u8.ToArray());
        var other = repo.Write("other.bin", InputGenerator.Generate(300_000, 7));
        var block = repo.Write("block.bin", "a raw block"u8.ToArray());
        DaemonProcess? daemon = useDaemon ? await DaemonProcess.StartAsync(repo.Repo) : null;
        try
        {
            var outputs = new List<string>();
            async Task<CliResult> Step(params string[] args)
            {
                var r = await repo.RunAsync(args);
                var stdout = string.Join('\n', r.Lines.Order(StringComparer.Ordinal)); // gc order is not specified
                var text = $"{string.Join(' ', args)} → {r.ExitCode}\n{KeyIds().Replace(stdout, "<key>")}\n{r.Stderr}";
                outputs.Add(text.Replace(repo.Files, "<files>").Replace(repo.Repo, "<repo>"));
                return r;
            }

            var otherCid = (await Step("add", "-Q", "--pin=false", other)).Stdout.Trim();
            await Step("add", hello);
            await Step("pin", "add", otherCid);
            await Step("pin", "add", otherCid);
            await Step("pin", "rm", otherCid);
            await Step("pin", "rm", otherCid);
            await Step("repo", "gc");
            await Step("block", "stat", otherCid);
            var rawCid = (await Step("block", "put", block)).Stdout.Trim();
            await Step("block", "put", "--cid-codec", "dag-pb", block);
            await Step("block", "rm", rawCid);
            await Step("block", "rm", rawCid);
            await Step("block", "rm", "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
            await Step("key", "gen", "blog");
            await Step("key", "gen", "blog");
            await Step("key", "rename", "blog", "journal");
            await Step("key", "list");
            await Step("key", "rm", "journal");
            await Step("key", "rm", "self");
            return outputs;
        }
        finally
        {
            if (daemon is not null) await daemon.DisposeAsync();
        }
    }

    /// <summary>
    /// `id` through a daemon with the network also lists its listen addresses and protocols (locally there are none):
    /// identity and agent must be equal, and the daemon's addresses must be its loopback listeners with its peer ID.
    /// </summary>
    private static void AssertSameIdentityAndDaemonAddresses(CliResult local, CliResult remote)
    {
        Assert.True(local.ExitCode == 0 && remote.ExitCode == 0, $"local: {local}\nremote: {remote}");
        using var l = System.Text.Json.JsonDocument.Parse(local.Stdout);
        using var r = System.Text.Json.JsonDocument.Parse(remote.Stdout);
        foreach (var field in new[] { "ID", "PublicKey", "AgentVersion" })
            Assert.Equal(l.RootElement.GetProperty(field).GetString(), r.RootElement.GetProperty(field).GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, l.RootElement.GetProperty("Addresses").ValueKind);
        var id = l.RootElement.GetProperty("ID").GetString();
        var addresses = r.RootElement.GetProperty("Addresses").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.Matches($@"^/ip4/127\.0\.0\.1/tcp/[1-9]\d*/p2p/{id}$", a));
        var protocols = r.RootElement.GetProperty("Protocols").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("/ipfs/bitswap/1.2.0", protocols);
        Assert.Contains("/ipfs/id/1.0.0", protocols);
        Assert.Contains("/ipfs/ping/1.0.0", protocols);
        Assert.Equal("", remote.Stderr);
    }

    internal static void AssertOneErrorLine(CliResult result)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("Error: ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    private static string MakeTree(TestRepo repo)
    {
        repo.Write("tree/a.txt", "a\n"u8.ToArray());
        repo.Write("tree/sub/b.txt", "b\n"u8.ToArray());
        repo.Write("tree/sub/deeper/c.bin", InputGenerator.Generate(300_000, 7));
        File.CreateSymbolicLink(Path.Combine(repo.Files, "tree", "link"), "a.txt");
        return Path.Combine(repo.Files, "tree");
    }

    [GeneratedRegex("k51[a-z0-9]{50,}")]
    private static partial Regex KeyIds();
}
