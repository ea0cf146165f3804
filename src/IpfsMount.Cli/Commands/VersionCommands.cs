// `ipfsmount snapshot|history|diff|rollback`: the MFS version log — snapshot a path (pinned), list versions or
// one path's history, prune old versions, diff two versions or CIDs, roll back (recorded as a new version). Through
// the node API like every verb, so they work while a daemon or a mount holds the repo.
using System.CommandLine;
using System.Globalization;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Cli.Commands;

internal static class VersionCommands
{
    public static IEnumerable<Command> Create() => [Snapshot(), History(), Diff(), Rollback()];

    private static Command Snapshot()
    {
        var path = new Argument<string>("mfs-path") { Description = "MFS path to snapshot", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "/" };
        var command = Verb.Create("snapshot", "Commit the MFS and print the CID of a path at that version; the CID is pinned.",
            "ipfsmount snapshot /projects/site", "ipfsmount snapshot /");
        command.Arguments.Add(path);
        command.OnNode(async (parse, node, ct) =>
        {
            var s = await node.SnapshotAsync(parse.GetValue(path)!, ct);
            await Console.Out.WriteLineAsync(s.Cid);
            await Console.Error.WriteLineAsync($"snapshot of {s.Path} at version {s.Version}{(s.Pinned ? ", pinned" : "")}");
            return 0;
        });
        return command;
    }

    private static Command History()
    {
        var path = new Argument<string?>("mfs-path") { Description = "Only versions where this path changed", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int?>("--limit", "-n") { Description = "Show at most N entries (newest)" };
        var offset = new Option<int>("--offset", "--skip") { Description = "Skip the newest M entries first (page back with --limit)" };
        var command = Verb.Create("history", "List MFS versions: `<version>\\t<time>\\t<root cid>\\t<message>`; with a path, the versions where its CID changed.",
            "ipfsmount history", "ipfsmount history -n 20 --offset 20", "ipfsmount history /notes.txt", "ipfsmount history prune --keep 10");
        command.Arguments.Add(path);
        command.Options.Add(limit);
        command.Options.Add(offset);
        command.Subcommands.Add(Prune());
        command.OnNode(async (parse, node, ct) =>
        {
            int? n = parse.GetValue(limit);
            int skip = parse.GetValue(offset);
            if (parse.GetValue(path) is { } p)
                await foreach (var v in node.PathHistoryAsync(p, n, skip, ct))
                    await Console.Out.WriteLineAsync($"{v.Number}\t{Time(v.Time)}\t{v.Cid ?? "(removed)"}");
            else
                await foreach (var v in node.HistoryAsync(n, skip, ct))
                    await Console.Out.WriteLineAsync($"{v.Number}\t{Time(v.Time)}\t{v.Root}\t{v.Message}".TrimEnd('\t'));
            return 0;
        });
        return command;
    }

    private static Command Prune()
    {
        var keep = new Option<int?>("--keep") { Description = "Keep the newest N versions" };
        var before = new Option<string?>("--before") { Description = "Drop versions committed before this date (ISO 8601, e.g. 2026-01-31)" };
        var command = Verb.Create("prune", "Drop old versions from the history so `repo gc` can reclaim blocks only they used.",
            "ipfsmount history prune --keep 10", "ipfsmount history prune --before 2026-01-01");
        command.Options.Add(keep);
        command.Options.Add(before);
        command.OnNode(async (parse, node, ct) =>
        {
            DateTimeOffset? date = null;
            if (parse.GetValue(before) is { } b)
            {
                if (!DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
                    throw new ArgumentException($"--before '{b}' is not a date; use ISO 8601 like 2026-01-31 or 2026-01-31T12:00:00Z");
                date = d;
            }
            int n = await node.HistoryPruneAsync(parse.GetValue(keep), date, ct);
            await Console.Out.WriteLineAsync($"pruned {n} version{(n == 1 ? "" : "s")}");
            return 0;
        });
        return command;
    }

    private static Command Diff()
    {
        var a = new Argument<string>("a") { Description = "Version number or root CID (before)" };
        var b = new Argument<string>("b") { Description = "Version number or root CID (after); 'head' for the newest" };
        var command = Verb.Create("diff", "Paths added (A), removed (D) or modified (M) between two versions or CIDs.",
            "ipfsmount diff 3 head", "ipfsmount diff 3 5", "ipfsmount diff <cid> <cid>");
        command.Arguments.Add(a);
        command.Arguments.Add(b);
        command.OnNode(async (parse, node, ct) =>
        {
            await foreach (var c in node.DiffAsync(parse.GetValue(a)!, parse.GetValue(b)!, ct))
                await Console.Out.WriteLineAsync($"{c.Kind}\t{c.Path}");
            return 0;
        });
        return command;
    }

    private static Command Rollback()
    {
        var target = new Argument<string>("version-or-cid") { Description = "Version number or root CID to restore" };
        var command = Verb.Create("rollback", "Make an old version (or any directory CID) the MFS root; recorded as a new version, so it can be undone.",
            "ipfsmount rollback 3", "ipfsmount rollback <root-cid>");
        command.Arguments.Add(target);
        command.OnNode(async (parse, node, ct) =>
        {
            var v = await node.RollbackAsync(parse.GetValue(target)!, ct);
            await Console.Out.WriteLineAsync($"rolled back to {parse.GetValue(target)}: version {v.Number} {v.Root}");
            return 0;
        });
        return command;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
