// `ipfsmount repo gc|stat|verify`: repository maintenance, with Kubo's output formats.
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class RepoCommand
{
    public static Command Create()
    {
        var repo = Verb.Create("repo", "Manipulate the repository.");
        repo.Subcommands.Add(Gc());
        repo.Subcommands.Add(Stat());
        repo.Subcommands.Add(VerifyRepo());
        return repo;
    }

    private static Command Gc()
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Write only the removed CIDs" };
        var command = Verb.Create("gc", "Remove every block that no pin (and no MFS root) reaches.", "ipfsmount repo gc", "ipfsmount repo gc -q | wc -l");
        command.Options.Add(quiet);
        command.OnNode(async (parse, node, ct) =>
        {
            var q = parse.GetValue(quiet);
            await foreach (var cid in node.RepoGcAsync(ct)) await Console.Out.WriteLineAsync(q ? cid : $"removed {cid}");
            return 0;
        });
        return command;
    }

    private static Command Stat()
    {
        var sizeOnly = new Option<bool>("--size-only", "-s") { Description = "Only report RepoSize and StorageMax" };
        var command = Verb.Create("stat", "Show the repository's object count, size, limit, path and version.", "ipfsmount repo stat");
        command.Options.Add(sizeOnly);
        command.OnNode(async (parse, node, ct) =>
        {
            var s = await node.RepoStatAsync(ct);
            if (!parse.GetValue(sizeOnly)) await Console.Out.WriteLineAsync($"NumObjects: {s.NumObjects}");
            await Console.Out.WriteLineAsync($"RepoSize:   {s.RepoSize}");
            await Console.Out.WriteLineAsync($"StorageMax: {s.StorageMax}");
            if (parse.GetValue(sizeOnly)) return 0;
            await Console.Out.WriteLineAsync($"RepoPath:   {s.RepoPath}");
            await Console.Out.WriteLineAsync($"Version:    {s.Version}");
            return 0;
        });
        return command;
    }

    private static Command VerifyRepo()
    {
        var command = Verb.Create("verify", "Re-hash every block in the repository; exit 1 if any is corrupt.", "ipfsmount repo verify");
        command.OnNode(async (parse, node, ct) =>
        {
            var corrupt = 0;
            await foreach (var e in node.RepoVerifyAsync(ct))
            {
                if (e.Kind != "corrupt") continue;
                corrupt++;
                await Console.Out.WriteLineAsync($"block {e.Cid} was corrupt ({e.Problem})");
            }
            if (corrupt > 0)
            {
                await Console.Error.WriteLineAsync("Error: verify complete, some blocks were corrupt");
                return Program.ExitError;
            }
            await Console.Out.WriteLineAsync("verified repo integrity");
            return 0;
        });
        return command;
    }
}
