// `ipfsmount pin add|rm|ls|verify`: keeps DAGs from garbage collection; outputs match Kubo's.
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class PinCommand
{
    public static Command Create()
    {
        var pin = Verb.Create("pin", "Pin objects to local storage (pinned DAGs survive `repo gc`).");
        pin.Subcommands.Add(Add());
        pin.Subcommands.Add(Rm());
        pin.Subcommands.Add(Ls());
        pin.Subcommands.Add(VerifyPins());
        return pin;
    }

    private static Command Add()
    {
        var paths = Verb.OneOrMore("PATH", "CIDs or /ipfs paths to pin");
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Pin the whole DAG (default true)", DefaultValueFactory = _ => true };
        var command = Verb.Create("add", "Pin objects (recursively by default).", "ipfsmount pin add <cid>", "ipfsmount pin add --recursive=false <cid>");
        command.Arguments.Add(paths);
        command.Options.Add(recursive);
        command.OnNode(async (parse, node, ct) =>
        {
            var mode = parse.GetValue(recursive) ? "recursively" : "directly";
            await foreach (var cid in node.PinAddAsync(parse.GetValue(paths)!, parse.GetValue(recursive), ct))
                await Console.Out.WriteLineAsync($"pinned {cid} {mode}");
            return 0;
        });
        return command;
    }

    private static Command Rm()
    {
        var paths = Verb.OneOrMore("PATH", "CIDs or /ipfs paths to unpin");
        var command = Verb.Create("rm", "Remove pins.", "ipfsmount pin rm <cid>");
        command.Arguments.Add(paths);
        command.OnNode(async (parse, node, ct) =>
        {
            await foreach (var cid in node.PinRmAsync(parse.GetValue(paths)!, ct)) await Console.Out.WriteLineAsync($"unpinned {cid}");
            return 0;
        });
        return command;
    }

    private static Command Ls()
    {
        var type = new Option<string>("--type", "-t") { Description = "direct, indirect, recursive or all", DefaultValueFactory = _ => "all" };
        type.AcceptOnlyFromAmong("direct", "indirect", "recursive", "all");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Write only CIDs" };
        var command = Verb.Create("ls", "List pinned objects as `<cid> <type>`.", "ipfsmount pin ls", "ipfsmount pin ls --type recursive -q");
        command.Options.Add(type);
        command.Options.Add(quiet);
        command.OnNode(async (parse, node, ct) =>
        {
            var q = parse.GetValue(quiet);
            await foreach (var p in node.PinLsAsync(parse.GetValue(type)!, ct))
                await Console.Out.WriteLineAsync(q ? p.Cid : $"{p.Cid} {p.Type}");
            return 0;
        });
        return command;
    }

    private static Command VerifyPins()
    {
        var verbose = new Option<bool>("--verbose") { Description = "Also list pins that are fine" };
        var command = Verb.Create("verify", "Check that every block of every recursive pin is present and intact; exit 1 if not.",
            "ipfsmount pin verify", "ipfsmount pin verify --verbose");
        command.Options.Add(verbose);
        command.OnNode(async (parse, node, ct) =>
        {
            var broken = 0;
            await foreach (var r in node.PinVerifyAsync(ct))
            {
                if (!r.Ok) broken++;
                if (!r.Ok) await Console.Out.WriteLineAsync($"{r.Cid} broken: {r.Problem}");
                else if (parse.GetValue(verbose)) await Console.Out.WriteLineAsync($"{r.Cid} ok");
            }
            if (broken > 0) await Console.Error.WriteLineAsync($"Error: {broken} pin(s) broken");
            return broken > 0 ? Program.ExitError : 0;
        });
        return command;
    }
}
