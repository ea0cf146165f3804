// The MFS verbs (`files …`, snapshot, history [prune], diff, rollback) give byte-identical output with and without a
// daemon (they go through the node API either way), keep Kubo's per-command layouts on the daemon's long-lived
// tree, and stream large files both ways.
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace IpfsMount.Cli.Tests;

public sealed partial class MfsLocalAndDaemonTests
{
    private const string Hello = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN"; // "hello\n", kubo-v0

    [Fact]
    public async Task Every_mfs_verb_prints_the_same_with_and_without_a_daemon()
    {
        var withoutDaemon = await RunScriptAsync(useDaemon: false);
        var withDaemon = await RunScriptAsync(useDaemon: true);

        Assert.Equal(withoutDaemon.Count, withDaemon.Count);
        for (var i = 0; i < withoutDaemon.Count; i++) Assert.Equal(withoutDaemon[i].Text, withDaemon[i].Text);

        // and the outputs are right, not merely equal
        string Out(string step) => withoutDaemon.Single(s => s.Step == step).Result.Stdout;
        CliResult Result(string step) => withoutDaemon.Single(s => s.Step == step).Result;
        var v0 = ReferenceVectors.FileCids("kubo-v0")[1_048_577];
        var v1 = ReferenceVectors.FileCids("kubo-v1")[1_048_577];
        Assert.Equal("hELlo\n", Out("files read /docs/a.txt"));
        Assert.Equal(InputGenerator.Generate(1_048_577, 1).AsSpan(262000, 1000).ToArray(), Result("files read -o 262000 -n 1000 /big0.bin").StdoutBytes);
        Assert.Equal(v0 + "\n", Out("files stat --hash /big0.bin"));
        Assert.Equal(v1 + "\n", Out("files stat --hash /big1.bin"));
        Assert.Equal(v1 + "\n", Out("files stat --hash /big0.bin (rewritten)"));
        Assert.Equal("file 1048577 5\n", Out("files stat --format <type> <size> <childs> /big1.bin"));
        Assert.Equal("0600 1700000000 file\n", Out("files stat --format <mode> <mtime> <type> /docs/a.txt"));
        Assert.Equal("hELlo\n", Out("files read /docs/a.txt (after touch)")); // chmod and touch keep the bytes
        Assert.Equal("hello\n", Out("files read /copies/h"));
        Assert.StartsWith("bafy", Out("files stat --hash /copies"));
        Assert.StartsWith("bafy", Out("files stat --hash /b3"));
        Assert.Matches(@"^big0\.bin\t" + Regex.Escape(v1) + @"\t1048577\n", Out("files ls -l /"));
        Assert.Equal("a.txt\nold\n", Out("files ls /docs"));
        Assert.Contains("use -r", Result("files rm /moved").Stderr);
        Assert.Equal(Out("files stat --hash /").Trim(), Out("files flush -m checkpoint /").Trim());
        Assert.Contains("\tcheckpoint", Out("history"));
        Assert.Contains("files write -e /docs/a.txt", Out("history"));
        Assert.Equal("A\t/b3\nA\t/big0.bin\nA\t/big1.bin\nA\t/copies\nA\t/docs/a.txt\nA\t/raw.bin\n", Out("diff 1 head")); // 1: the first mkdir
        Assert.Matches(@"^rolled back to 2: version \d+ Qm\w{44}\n$", Out("rollback 2"));
        Assert.Equal("docs\n", Out("files ls / (after rollback)"));
        Assert.Equal("pruned", Out("history prune --keep 3").Split(' ')[0]);
        Assert.Equal(3, Out("history (after prune)").Trim().Split('\n').Length);
        foreach (var step in new[] { "files read /nope", "files write /nope.txt", "files chmod 9z /docs/a.txt", "files --profile bad ls /",
                     "history prune", "rollback 99", "diff 1 zz", "files rm /" })
            LocalAndDaemonOutputTests.AssertOneErrorLine(Result(step));
        Assert.Equal("Error: /nope: no such file or directory in MFS\n", Result("files read /nope").Stderr);
    }

    [Fact]
    public async Task A_40_MiB_file_streams_into_and_out_of_the_daemon_and_reads_back_identical()
    {
        using var repo = await TestRepo.InitAsync();
        var data = InputGenerator.Generate(40 << 20, 9);
        await using var daemon = await DaemonProcess.StartAsync(repo.Repo);
        var write = await CliRun.RunAsync(repo.Repo, ["files", "write", "-e", "--cid-version", "1", "/big.bin"], data, TimeSpan.FromMinutes(4));
        Assert.True(write.ExitCode == 0, write.ToString());
        var added = await repo.RunAsync("add", "-n", "-Q", "--cid-version", "1", repo.Write("big.bin", data));
        Assert.Equal(added.Stdout, (await repo.RunAsync("files", "stat", "--hash", "/big.bin")).Stdout); // same DAG as `add`
        var read = await CliRun.RunAsync(repo.Repo, ["files", "read", "/big.bin"], null, TimeSpan.FromMinutes(4));
        Assert.Equal(0, read.ExitCode);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(read.StdoutBytes));
        Assert.Single((await repo.RunAsync("history")).Lines); // one write, one version (the spills made none)
    }

    private static async Task<List<(string Step, string Text, CliResult Result)>> RunScriptAsync(bool useDaemon)
    {
        using var repo = await TestRepo.InitAsync();
        var hello = repo.Write("hello.txt", "hello\n"u8.ToArray());
        var big = repo.Write("big.bin", InputGenerator.Generate(1_048_577, 1));
        DaemonProcess? daemon = useDaemon ? await DaemonProcess.StartAsync(repo.Repo) : null;
        try
        {
            var steps = new List<(string, string, CliResult)>();
            async Task Step(string? stdin, string? label, params string[] args)
            {
                var r = await CliRun.RunAsync(repo.Repo, args, stdin is null ? null : System.Text.Encoding.UTF8.GetBytes(stdin));
                var step = label ?? string.Join(' ', args);
                var text = $"{step} → {r.ExitCode}\n{Times().Replace(r.Stdout, "<time>")}\n{r.Stderr}";
                steps.Add((step, text.Replace(repo.Files, "<files>").Replace(repo.Repo, "<repo>"), r));
            }
            Task Run(params string[] args) => Step(null, null, args);

            await Run("files", "mkdir", "-p", "/docs/old");
            await Run("files", "write", "-e", "/docs/a.txt", hello);
            await Step("EL", null, "files", "write", "-o", "1", "/docs/a.txt");
            await Run("files", "read", "/docs/a.txt");
            await Run("files", "write", "-e", "/big0.bin", big);
            await Run("files", "stat", "--hash", "/big0.bin");
            await Run("files", "write", "-e", "--cid-version", "1", "/big1.bin", big);
            await Run("files", "stat", "--hash", "/big1.bin");
            await Run("files", "write", "-t", "--cid-version", "1", "/big0.bin", big);
            await Step(null, "files stat --hash /big0.bin (rewritten)", "files", "stat", "--hash", "/big0.bin");
            await Run("files", "read", "-o", "262000", "-n", "1000", "/big0.bin");
            await Run("files", "stat", "--format", "<type> <size> <childs>", "/big1.bin");
            await Run("files", "stat", "/big1.bin");
            await Run("files", "ls", "-l", "/");
            await Run("files", "ls", "/docs");
            await Run("files", "cp", "-p", "/ipfs/" + Hello, "/copies/h");
            await Run("files", "read", "/copies/h");
            await Run("files", "cp", "/docs", "/docs-copy");
            await Run("files", "mv", "/docs-copy", "/moved");
            await Run("files", "chmod", "600", "/docs/a.txt");
            await Run("files", "touch", "--mtime", "1700000000", "/docs/a.txt");
            await Run("files", "stat", "--format", "<mode> <mtime> <type>", "/docs/a.txt");
            await Run("files", "stat", "/docs/a.txt");
            await Step(null, "files read /docs/a.txt (after touch)", "files", "read", "/docs/a.txt");
            await Run("files", "chcid", "--cid-version", "1", "/copies");
            await Run("files", "stat", "--hash", "/copies");
            await Run("files", "mkdir", "--hash", "blake3", "/b3");
            await Run("files", "stat", "--hash", "/b3");
            await Run("files", "rm", "/moved");
            await Run("files", "rm", "-r", "/moved");
            await Run("files", "rm", "--force", "/nope");
            await Step("raw leaves\n", null, "files", "write", "-e", "--raw-leaves", "/raw.bin");
            await Run("files", "stat", "--hash", "/raw.bin");
            await Run("files", "stat", "--hash", "/");
            await Run("files", "flush", "-m", "checkpoint", "/");
            await Run("files", "read", "/nope");
            await Step("x", null, "files", "write", "/nope.txt");
            await Run("files", "chmod", "9z", "/docs/a.txt");
            await Run("files", "--profile", "bad", "ls", "/");
            await Run("files", "rm", "/");
            await Run("snapshot", "/docs");
            await Run("history");
            await Run("history", "/docs/a.txt");
            await Run("history", "-n", "2");
            await Run("diff", "1", "head");
            await Run("diff", "1", "zz");
            await Run("rollback", "2");
            await Step(null, "files ls / (after rollback)", "files", "ls", "/");
            await Run("history", "prune", "--keep", "3");
            await Step(null, "history (after prune)", "history");
            await Run("history", "prune");
            await Run("rollback", "99");
            return steps;
        }
        finally
        {
            if (daemon is not null) await daemon.DisposeAsync();
        }
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Times();
}
