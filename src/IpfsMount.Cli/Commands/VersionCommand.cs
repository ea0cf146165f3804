// `ipfsmount version`: prints `ipfsmount version <x.y.z>` (with --all: commit, repo version, system, runtime).
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class VersionCommand
{
    private static readonly Option<bool> All = new("--all") { Description = "Show commit, repo version, system and runtime too" };

    public static Command Create()
    {
        var command = Verb.Create("version", "Show version information.", "ipfsmount version", "ipfsmount version --all");
        command.Options.Add(All);
        command.OnNode(async (parse, node, ct) =>
        {
            var v = await node.VersionAsync(ct);
            if (!parse.GetValue(All))
            {
                await Console.Out.WriteLineAsync($"ipfsmount version {v.Version}");
                return 0;
            }
            await Console.Out.WriteLineAsync($"ipfsmount version: {v.Version}");
            await Console.Out.WriteLineAsync($"Commit: {v.Commit}");
            await Console.Out.WriteLineAsync($"Repo version: {v.Repo}");
            await Console.Out.WriteLineAsync($"System version: {v.System}");
            await Console.Out.WriteLineAsync($"Runtime version: {v.Runtime}");
            return 0;
        });
        return command;
    }
}
