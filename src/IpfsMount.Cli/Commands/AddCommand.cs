// `ipfsmount add`: imports files, directories or stdin as UnixFS, printing `added <cid> <name>` like Kubo.
using System.CommandLine;
using IpfsMount.Daemon.Api;
using Spectre.Console;

namespace IpfsMount.Cli.Commands;

internal static class AddCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "Files or directories to add; '-' or none reads stdin",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private static readonly Option<bool> Recursive = new("--recursive", "-r") { Description = "Add directory paths recursively" };
    private static readonly Option<bool> Quieter = new("--quieter", "-Q") { Description = "Write only the final CID" };
    private static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Write only CIDs" };
    private static readonly Option<bool> OnlyHash = new("--only-hash", "-n") { Description = "Only chunk and hash, write nothing to disk (needs no repo)" };
    private static readonly Option<int?> CidVersion = new("--cid-version") { Description = "CID version 0 or 1 (1 implies --raw-leaves)" };
    private static readonly Option<bool?> RawLeaves = new("--raw-leaves") { Description = "Use raw blocks for leaf nodes" };
    private static readonly Option<string?> Hash = new("--hash") { Description = "Hash function: sha2-256 (default) or blake3" };
    private static readonly Option<string?> Chunker = new("--chunker", "-s") { Description = "Chunker: size-<bytes>, rabin or rabin-<min>-<avg>-<max>" };
    private static readonly Option<bool> Trickle = new("--trickle", "-t") { Description = "Use the trickle DAG layout" };
    private static readonly Option<string?> Profile = new("--profile") { Description = "Import profile: kubo (unixfs-v0-2015), kubo-v1, unixfs-v1-2025; default: the repo's `init --profile`, else kubo" };
    private static readonly Option<bool> Wrap = new("--wrap-with-directory", "-w") { Description = "Wrap the inputs in a directory" };
    private static readonly Option<bool> Hidden = new("--hidden", "-H") { Description = "Include files whose names start with '.'" };
    private static readonly Option<bool> PreserveMode = new("--preserve-mode") { Description = "Store the file mode (permissions)" };
    private static readonly Option<bool> PreserveMtime = new("--preserve-mtime") { Description = "Store the modification time" };
    private static readonly Option<bool> Pin = new("--pin") { Description = "Pin the added root (default true)", DefaultValueFactory = _ => true };
    private static readonly Option<bool> Progress = new("--progress", "-p") { Description = "Show a progress bar (terminal only)" };

    public static Command Create()
    {
        var command = Verb.Create("add", "Add files or directories to the repo as UnixFS and print their CIDs.",
            "ipfsmount add notes.txt",
            "ipfsmount add -r photos/",
            "echo hello | ipfsmount add -Q",
            "ipfsmount add -n --cid-version 1 big.iso",
            "ipfsmount add --profile unixfs-v1-2025 -r site/");
        command.Arguments.Add(Paths);
        Paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value[0] == '-') result.AddError($"Unrecognized option '{token.Value}'");
        });
        foreach (var o in new Option[] { Recursive, Quieter, Quiet, OnlyHash, CidVersion, RawLeaves, Hash, Chunker, Trickle, Profile, Wrap, Hidden, PreserveMode, PreserveMtime, Pin, Progress })
            command.Options.Add(o);
        command.OnNode(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, INodeApi node, CancellationToken ct)
    {
        var request = new AddRequest
        {
            CidVersion = parse.GetValue(CidVersion),
            RawLeaves = parse.GetValue(RawLeaves),
            Hash = parse.GetValue(Hash),
            Chunker = parse.GetValue(Chunker),
            Trickle = parse.GetValue(Trickle),
            Profile = parse.GetValue(Profile),
            Wrap = parse.GetValue(Wrap),
            Hidden = parse.GetValue(Hidden),
            PreserveMode = parse.GetValue(PreserveMode),
            PreserveMtime = parse.GetValue(PreserveMtime),
            Pin = parse.GetValue(Pin),
            OnlyHash = parse.GetValue(OnlyHash),
            Progress = parse.GetValue(Progress),
        };
        if (request.CidVersion is { } v && v is not (0 or 1))
            throw new ArgumentException($"--cid-version must be 0 or 1, not {v}");
        var inputs = Inputs(parse.GetValue(Paths) ?? [], parse.GetValue(Recursive));
        var quieter = parse.GetValue(Quieter);
        var quiet = parse.GetValue(Quiet);
        var lines = new List<string>();
        string? last = null;
        void OnAdded(AddEvent e)
        {
            last = e.Cid;
            if (quieter) return;
            lines.Add(quiet ? e.Cid! : $"added {e.Cid} {e.Name}");
        }

        var events = node.AddAsync(request, inputs.ToAsyncEnumerable(), ct);
        if (request.Progress && !Console.IsErrorRedirected)
        {
            await WithProgressBarAsync(events, TotalBytes(inputs), OnAdded);
        }
        else
        {
            await foreach (var e in events)
            {
                if (e.Kind != AddEvent.Added) continue;
                OnAdded(e);
                foreach (var line in lines) Console.Out.WriteLine(line);
                lines.Clear();
            }
        }
        foreach (var line in lines) Console.Out.WriteLine(line);
        if (quieter && last is not null) Console.Out.WriteLine(last);
        return 0;
    }

    private static List<AddInput> Inputs(string[] paths, bool recursive)
    {
        if (paths.Length == 0 || (paths.Length == 1 && paths[0] == "-")) return [AddInput.FromStream(Console.OpenStandardInput())];
        var inputs = new List<AddInput>();
        foreach (var path in paths)
        {
            if (path == "-") throw new ArgumentException("'-' (stdin) cannot be combined with other paths");
            var isLink = new FileInfo(path).LinkTarget is not null;
            if (!isLink && !File.Exists(path) && !Directory.Exists(path))
                throw new FileNotFoundException($"{path}: no such file or directory");
            if (!isLink && Directory.Exists(path) && !recursive)
                throw new ArgumentException($"{path} is a directory, use the '-r' flag to add directories");
            inputs.Add(AddInput.FromPath(path));
        }
        return inputs;
    }

    private static long TotalBytes(List<AddInput> inputs)
    {
        long total = 0;
        foreach (var input in inputs)
        {
            if (input.LocalPath is not { } path) return 0;
            if (File.Exists(path)) total += new FileInfo(path).Length;
            else if (Directory.Exists(path))
                total += new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        return total;
    }

    private static async Task WithProgressBarAsync(IAsyncEnumerable<AddEvent> events, long total, Action<AddEvent> onAdded)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress().StartAsync(async ctx =>
        {
            var bar = ctx.AddTask("adding", autoStart: true, maxValue: Math.Max(total, 1));
            bar.IsIndeterminate = total == 0;
            long done = 0;
            var current = new Dictionary<string, long>();
            await foreach (var e in events)
            {
                if (e.Kind == AddEvent.ProgressKind)
                {
                    current.TryGetValue(e.Name, out var before);
                    done += e.Bytes - before;
                    current[e.Name] = e.Bytes;
                }
                else
                {
                    onAdded(e);
                }
                bar.Value = Math.Min(done, bar.MaxValue);
            }
            bar.Value = bar.MaxValue;
        });
    }
}
