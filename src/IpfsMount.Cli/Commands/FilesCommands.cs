// `ipfsmount files ls|stat|mkdir|cp|mv|rm|read|write|touch|chmod|flush|chcid`: the versioned MFS, with Kubo's
// flags and output, through the node API (the daemon's shared tree when one runs, so a mount sees the change at
// once; else the repo opened here). Each mutating command commits one version (Kubo's default --flush=true).
using System.CommandLine;
using IpfsMount.Daemon.Api;
using IpfsMount.Mfs;

namespace IpfsMount.Cli.Commands;

internal static class FilesCommands
{
    private static readonly Option<string?> Profile = new("--profile")
    {
        Description = "Block layout of new files: kubo-v0 (like Kubo's MFS), kubo-v1, unixfs-v1-2025, blake3; default: the repo's `init --profile`, else kubo-v0",
        Recursive = true,
    };

    private static readonly Option<int?> CidVersion = new("--cid-version") { Description = "CID version of new nodes (1 turns raw leaves on, like Kubo)" };
    private static readonly Option<bool?> RawLeaves = new("--raw-leaves") { Description = "Use raw blocks for file leaves" };
    private static readonly Option<string?> Hash = new("--hash") { Description = "Hash function: sha2-256 or blake3" };

    public static Command Create()
    {
        var files = Verb.Create("files", "Interact with the versioned MFS (mutable file system); every change is a version.",
            "ipfsmount files write -e /notes.txt notes.txt", "ipfsmount files ls -l /", "ipfsmount history /notes.txt");
        files.Options.Add(Profile);
        foreach (var c in new[] { Ls(), Stat(), Mkdir(), Cp(), Mv(), Rm(), Read(), Write(), Touch(), Chmod(), Flush(), Chcid() })
            files.Subcommands.Add(c);
        return files;
    }

    /// <summary>Runs a files verb through the node (daemon or local repo); the profile is checked first.</summary>
    private static void OnFiles(Command command, Func<ParseResult, INodeApi, CancellationToken, Task> body) =>
        command.OnNode(async (parse, node, ct) =>
        {
            if (parse.GetValue(Profile) is { } profile) _ = MfsLayout.FromProfile(profile);
            await body(parse, node, ct);
            return 0;
        });

    /// <summary>The version message of a change: the command line, as it was typed.</summary>
    internal static string Message(ParseResult parse) => "ipfsmount " + string.Join(' ', parse.Tokens.Select(t => t.Value));

    private static MfsLayoutRequest LayoutFrom(ParseResult parse) =>
        new(parse.GetValue(Profile), parse.GetValue(CidVersion), parse.GetValue(RawLeaves), parse.GetValue(Hash));

    private static Argument<string> PathArg(string description = "MFS path", bool optional = false) => new("path")
    {
        Description = description,
        Arity = optional ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        DefaultValueFactory = optional ? _ => "/" : null!,
    };

    private static Command Ls()
    {
        var path = PathArg("Directory to list (default /)", optional: true);
        var longOpt = new Option<bool>("--long", "-l") { Description = "Use long listing format: name, hash, size" };
        var unsorted = new Option<bool>("-U") { Description = "Do not sort; list entries in directory order" };
        var command = Verb.Create("ls", "List directories in the MFS.", "ipfsmount files ls /", "ipfsmount files ls -l /docs");
        command.Arguments.Add(path);
        command.Options.Add(longOpt);
        command.Options.Add(unsorted);
        OnFiles(command, async (parse, node, ct) =>
        {
            bool l = parse.GetValue(longOpt);
            await foreach (var e in node.FilesLsAsync(parse.GetValue(path)!, ct))
                await Console.Out.WriteLineAsync(l ? $"{(e.Type == "directory" ? e.Name + "/" : e.Name)}\t{e.Cid}\t{e.Size}" : e.Name);
        });
        return command;
    }

    private static Command Stat()
    {
        var path = PathArg();
        var format = new Option<string?>("--format") { Description = "Print with a template: <hash> <size> <cumulsize> <type> <childs> <mode> <mtime>" };
        var hashOnly = new Option<bool>("--hash") { Description = "Print only the hash" };
        var sizeOnly = new Option<bool>("--size") { Description = "Print only the size" };
        var command = Verb.Create("stat", "Display file status.", "ipfsmount files stat /docs", "ipfsmount files stat --hash /");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.Options.Add(hashOnly);
        command.Options.Add(sizeOnly);
        OnFiles(command, async (parse, node, ct) =>
        {
            var s = await node.FilesStatAsync(parse.GetValue(path)!, ct);
            string mode = s.Mode is { } m ? Convert.ToString(m, 8).PadLeft(4, '0') : "";
            string mtime = s.MtimeSeconds is { } t ? t.ToString() : "";
            string text;
            if (parse.GetValue(hashOnly)) text = s.Cid;
            else if (parse.GetValue(sizeOnly)) text = s.Size.ToString();
            else if (parse.GetValue(format) is { } f)
                text = f.Replace("<hash>", s.Cid).Replace("<size>", s.Size.ToString()).Replace("<cumulsize>", s.CumulativeSize.ToString())
                    .Replace("<type>", s.Type).Replace("<childs>", s.Blocks.ToString()).Replace("<mode>", mode).Replace("<mtime>", mtime);
            else
            {
                text = $"{s.Cid}\nSize: {s.Size}\nCumulativeSize: {s.CumulativeSize}\nChildBlocks: {s.Blocks}\nType: {s.Type}";
                if (s.Mode is not null) text += $"\nMode: {mode}";
                if (s.MtimeSeconds is { } secs) text += $"\nMtime: {new MfsTime(secs, s.MtimeNanoseconds).ToDateTimeOffset():yyyy-MM-ddTHH:mm:ssK}";
            }
            await Console.Out.WriteLineAsync(text);
        });
        return command;
    }

    private static Command Mkdir()
    {
        var path = PathArg("Directory to create");
        var parents = new Option<bool>("--parents", "-p") { Description = "No error if existing, make parent directories as needed" };
        var command = Verb.Create("mkdir", "Make directories.", "ipfsmount files mkdir /docs", "ipfsmount files mkdir -p /a/b/c");
        command.Arguments.Add(path);
        command.Options.Add(parents);
        command.Options.Add(CidVersion);
        command.Options.Add(Hash);
        OnFiles(command, (parse, node, ct) =>
            node.FilesMkdirAsync(parse.GetValue(path)!, parse.GetValue(parents), LayoutFrom(parse), Message(parse), ct));
        return command;
    }

    private static Command Cp()
    {
        var source = new Argument<string>("source") { Description = "/ipfs/<cid>[/path] or an MFS path" };
        var dest = new Argument<string>("dest") { Description = "MFS destination path" };
        var parents = new Option<bool>("--parents", "-p") { Description = "Make parent directories as needed" };
        var command = Verb.Create("cp", "Add references to IPFS files and directories in MFS (or copy within MFS); no bytes are copied.",
            "ipfsmount files cp /ipfs/<cid> /imported", "ipfsmount files cp /docs /docs-backup");
        command.Arguments.Add(source);
        command.Arguments.Add(dest);
        command.Options.Add(parents);
        OnFiles(command, (parse, node, ct) =>
            node.FilesCpAsync(parse.GetValue(source)!, parse.GetValue(dest)!, parse.GetValue(parents), Message(parse), ct));
        return command;
    }

    private static Command Mv()
    {
        var source = new Argument<string>("source") { Description = "MFS path to move" };
        var dest = new Argument<string>("dest") { Description = "New path (an existing directory receives the source inside it)" };
        var command = Verb.Create("mv", "Move files and directories (atomic).", "ipfsmount files mv /a.txt /b.txt", "ipfsmount files mv /a.txt /docs");
        command.Arguments.Add(source);
        command.Arguments.Add(dest);
        OnFiles(command, (parse, node, ct) => node.FilesMvAsync(parse.GetValue(source)!, parse.GetValue(dest)!, Message(parse), ct));
        return command;
    }

    private static Command Rm()
    {
        var paths = Verb.OneOrMore("path", "MFS paths to remove");
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Recursively remove directories" };
        var force = new Option<bool>("--force") { Description = "Like -r, and no error when the path does not exist" };
        var command = Verb.Create("rm", "Remove a file or directory.", "ipfsmount files rm /a.txt", "ipfsmount files rm -r /docs");
        command.Arguments.Add(paths);
        command.Options.Add(recursive);
        command.Options.Add(force);
        OnFiles(command, (parse, node, ct) =>
            node.FilesRmAsync(parse.GetValue(paths)!, parse.GetValue(recursive), parse.GetValue(force), Message(parse), ct));
        return command;
    }

    private static Command Read()
    {
        var path = PathArg("File to read");
        var offset = new Option<long>("--offset", "-o") { Description = "Byte offset to begin reading from" };
        var count = new Option<long?>("--count", "-n") { Description = "Maximum number of bytes to read" };
        var command = Verb.Create("read", "Read a file from MFS to stdout.", "ipfsmount files read /notes.txt", "ipfsmount files read -o 100 -n 10 /big.bin");
        command.Arguments.Add(path);
        command.Options.Add(offset);
        command.Options.Add(count);
        OnFiles(command, async (parse, node, ct) =>
        {
            if (parse.GetValue(offset) < 0) throw new ArgumentException("offset must be >= 0");
            await using var content = await node.FilesReadAsync(parse.GetValue(path)!, parse.GetValue(offset), parse.GetValue(count), ct);
            await using var stdout = Verb.StandardOutput();
            await content.CopyToAsync(stdout, 256 * 1024, ct);
        });
        return command;
    }

    private static Command Write()
    {
        var path = PathArg("File to write");
        var data = new Argument<string?>("data") { Description = "File to read the data from (default: stdin)", Arity = ArgumentArity.ZeroOrOne };
        var create = new Option<bool>("--create", "-e") { Description = "Create the file if it does not exist" };
        var parents = new Option<bool>("--parents", "-p") { Description = "Make parent directories as needed" };
        var truncate = new Option<bool>("--truncate", "-t") { Description = "Truncate the file to size zero before writing" };
        var offset = new Option<long>("--offset", "-o") { Description = "Byte offset to begin writing at" };
        var count = new Option<long?>("--count", "-n") { Description = "Maximum number of bytes to write" };
        var command = Verb.Create("write", "Write to a mutable file at an offset (only the touched blocks are rewritten).",
            "ipfsmount files write -e /notes.txt notes.txt", "echo hi | ipfsmount files write -e -t /hi.txt", "ipfsmount files write -o 100 /big.bin patch.bin");
        command.Arguments.Add(path);
        command.Arguments.Add(data);
        foreach (var o in new Option[] { create, parents, truncate, offset, count, CidVersion, RawLeaves, Hash }) command.Options.Add(o);
        OnFiles(command, async (parse, node, ct) =>
        {
            if (parse.GetValue(offset) < 0) throw new ArgumentException("offset must be >= 0");
            await using var input = parse.GetValue(data) is { } file
                ? new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true)
                : Console.OpenStandardInput();
            var request = new MfsWriteRequest(parse.GetValue(path)!, parse.GetValue(create), parse.GetValue(parents), parse.GetValue(truncate),
                parse.GetValue(offset), parse.GetValue(count), LayoutFrom(parse), Message(parse));
            await node.FilesWriteAsync(request, input, ct);
        });
        return command;
    }

    private static Command Touch()
    {
        var path = PathArg();
        var mtime = new Option<long?>("--mtime") { Description = "Modification time in seconds since the Unix epoch (default: now)" };
        var nsecs = new Option<uint>("--mtime-nsecs") { Description = "Nanoseconds part of the modification time" };
        var command = Verb.Create("touch", "Set the modification time of a file or directory (creates an empty file when missing).",
            "ipfsmount files touch /notes.txt", "ipfsmount files touch --mtime 1700000000 /notes.txt");
        command.Arguments.Add(path);
        command.Options.Add(mtime);
        command.Options.Add(nsecs);
        OnFiles(command, (parse, node, ct) => node.FilesTouchAsync(parse.GetValue(path)!, parse.GetValue(mtime), parse.GetValue(nsecs),
            LayoutFrom(parse), Message(parse), ct));
        return command;
    }

    private static Command Chmod()
    {
        var mode = new Argument<string>("mode") { Description = "Octal permission bits, e.g. 644 or 0755" };
        var path = PathArg();
        var command = Verb.Create("chmod", "Change the UnixFS mode of a file or directory.", "ipfsmount files chmod 600 /secret.txt");
        command.Arguments.Add(mode);
        command.Arguments.Add(path);
        OnFiles(command, (parse, node, ct) =>
        {
            string m = parse.GetValue(mode)!;
            uint bits;
            try { bits = Convert.ToUInt32(m, 8); }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw new ArgumentException($"mode '{m}' is not an octal number like 644");
            }
            if (bits > 0xFFF) throw new ArgumentException($"mode '{m}' has bits beyond 07777");
            return node.FilesChmodAsync(parse.GetValue(path)!, bits, Message(parse), ct);
        });
        return command;
    }

    private static Command Flush()
    {
        var path = PathArg("Path to flush (default /)", optional: true);
        var message = new Option<string?>("--message", "-m") { Description = "Message of the version this flush records (shown by `history`)" };
        var command = Verb.Create("flush", "Flush a path's data to blocks, record a version (when something changed, or always with -m), and print its CID.",
            "ipfsmount files flush /", "ipfsmount files flush -m 'before the refactor' /");
        command.Arguments.Add(path);
        command.Options.Add(message);
        OnFiles(command, async (parse, node, ct) =>
            await Console.Out.WriteLineAsync(await node.FilesFlushAsync(parse.GetValue(path)!, parse.GetValue(message), ct)));
        return command;
    }

    private static Command Chcid()
    {
        var path = PathArg("Directory (default /)", optional: true);
        var command = Verb.Create("chcid", "Change the CID version or hash function of a directory's node.",
            "ipfsmount files chcid --cid-version 1 /", "ipfsmount files chcid --hash blake3 --cid-version 1 /docs");
        command.Arguments.Add(path);
        command.Options.Add(CidVersion);
        command.Options.Add(Hash);
        OnFiles(command, (parse, node, ct) =>
            node.FilesChcidAsync(parse.GetValue(path)!, parse.GetValue(CidVersion), parse.GetValue(Hash), Message(parse), ct));
        return command;
    }
}
