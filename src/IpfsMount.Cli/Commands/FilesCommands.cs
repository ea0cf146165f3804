// `ipfsmount files ls|stat|mkdir|cp|mv|rm|read|write|touch|chmod|flush|chcid`: the versioned MFS, with Kubo's
// flags and output. Each mutating command commits one version (Kubo's default --flush=true).
using System.CommandLine;
using IpfsMount.Core;
using IpfsMount.Mfs;
using IpfsMount.Storage;

namespace IpfsMount.Cli.Commands;

internal static class FilesCommands
{
    private static readonly Option<string> Profile = new("--profile")
    {
        Description = "Block layout of new files: kubo-v0 (default, like Kubo's MFS), kubo-v1, unixfs-v1-2025, blake3",
        DefaultValueFactory = _ => "kubo-v0",
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

    /// <summary>Opens the repo and its MFS for one command; the tree commits pending changes when disposed.</summary>
    internal static async Task<T> WithTreeAsync<T>(ParseResult parse, Func<MfsTree, Repo, Task<T>> body, CancellationToken ct, MfsLayout? layout = null)
    {
        using var repo = OpenRepo(parse);
        var options = new MfsOptions
        {
            Layout = layout ?? MfsLayout.FromProfile(parse.GetValue(Profile) ?? "kubo-v0"),
            AutoCommitInterval = null,
            CommitOnLastClose = false,
        };
        var tree = await RepoMfs.OpenTreeAsync(repo, options, ct);
        try
        {
            var result = await body(tree, repo);
            if (tree.IsDirty) await tree.CommitAsync("ipfsmount " + string.Join(' ', parse.Tokens.Select(t => t.Value)), ct);
            return result;
        }
        finally { await tree.DisposeAsync(); }
    }

    internal static Repo OpenRepo(ParseResult parse)
    {
        try { return Repo.Open(CliOptions.RepoPath(parse)); }
        catch (RepoLockedException e)
        {
            throw new InvalidOperationException(
                $"{e.Message} — the MFS commands open the repo themselves for now; stop the daemon and run the command again", e);
        }
    }

    private static MfsLayout LayoutFrom(ParseResult parse)
    {
        var layout = MfsLayout.FromProfile(parse.GetValue(Profile) ?? "kubo-v0");
        if (parse.GetValue(CidVersion) is { } v)
            layout = layout with { CidVersion = v, RawLeaves = v == 1 ? parse.GetValue(RawLeaves) ?? true : false };
        if (parse.GetValue(RawLeaves) is { } raw) layout = layout with { RawLeaves = raw };
        if (parse.GetValue(Hash) is { } h) layout = layout with { HashCode = HashCodeOf(h), CidVersion = HashCodeOf(h) == Multicodec.Sha2_256 ? layout.CidVersion : 1 };
        if (layout.RawLeaves && layout.CidVersion == 0) layout = layout with { CidVersion = 1 };
        return layout;
    }

    internal static ulong HashCodeOf(string name) => name.ToLowerInvariant() switch
    {
        "sha2-256" => Multicodec.Sha2_256,
        "blake3" => Multicodec.Blake3,
        _ => throw new ArgumentException($"unsupported hash '{name}': use sha2-256 or blake3"),
    };

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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            foreach (var e in await tree.ListAsync(parse.GetValue(path)!, ct))
            {
                string name = e.Kind == MfsEntryKind.Directory && parse.GetValue(longOpt) ? e.Name + "/" : e.Name;
                await Console.Out.WriteLineAsync(parse.GetValue(longOpt) ? $"{name}\t{e.Cid}\t{e.Size}" : name);
            }
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            var s = await tree.StatAsync(parse.GetValue(path)!, ct);
            string type = s.Kind switch { MfsEntryKind.Directory => "directory", MfsEntryKind.Symlink => "symlink", _ => "file" };
            string mode = s.Mode is { } m ? Convert.ToString(m, 8).PadLeft(4, '0') : "";
            string mtime = s.Mtime is { } t ? t.Seconds.ToString() : "";
            string text;
            if (parse.GetValue(hashOnly)) text = s.Cid.ToString();
            else if (parse.GetValue(sizeOnly)) text = s.Size.ToString();
            else if (parse.GetValue(format) is { } f)
                text = f.Replace("<hash>", s.Cid.ToString()).Replace("<size>", s.Size.ToString()).Replace("<cumulsize>", s.CumulativeSize.ToString())
                    .Replace("<type>", type).Replace("<childs>", s.Blocks.ToString()).Replace("<mode>", mode).Replace("<mtime>", mtime);
            else
            {
                text = $"{s.Cid}\nSize: {s.Size}\nCumulativeSize: {s.CumulativeSize}\nChildBlocks: {s.Blocks}\nType: {type}";
                if (s.Mode is not null) text += $"\nMode: {mode}";
                if (s.Mtime is { } mt) text += $"\nMtime: {mt.ToDateTimeOffset():yyyy-MM-ddTHH:mm:ssK}";
            }
            await Console.Out.WriteLineAsync(text);
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            await tree.MkdirAsync(parse.GetValue(path)!, parse.GetValue(parents), ct);
            if (parse.GetValue(CidVersion) is not null || parse.GetValue(Hash) is not null)
            {
                var l = LayoutFrom(parse);
                await tree.ChangeCidAsync(parse.GetValue(path)!, l.CidVersion, l.HashCode, ct);
            }
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            string src = parse.GetValue(source)!, dst = parse.GetValue(dest)!;
            if (parse.GetValue(parents))
            {
                var parts = MfsPath.Split(dst);
                if (parts.Length > 1) await tree.MkdirAsync("/" + string.Join('/', parts[..^1]), parents: true, ct);
            }
            if (src.StartsWith("/ipfs/", StringComparison.Ordinal) || !src.StartsWith('/'))
            {
                var rest = src.StartsWith("/ipfs/", StringComparison.Ordinal) ? src["/ipfs/".Length..] : src;
                int slash = rest.IndexOf('/');
                var cid = Cid.Parse(slash < 0 ? rest : rest[..slash]);
                await tree.CopyFromCidAsync(cid, slash < 0 ? "" : rest[slash..], dst, ct);
            }
            else await tree.CopyAsync(src, dst, ct);
            return 0;
        }, ct));
        return command;
    }

    private static Command Mv()
    {
        var source = new Argument<string>("source") { Description = "MFS path to move" };
        var dest = new Argument<string>("dest") { Description = "New path (an existing directory receives the source inside it)" };
        var command = Verb.Create("mv", "Move files and directories (atomic).", "ipfsmount files mv /a.txt /b.txt", "ipfsmount files mv /a.txt /docs");
        command.Arguments.Add(source);
        command.Arguments.Add(dest);
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            string src = parse.GetValue(source)!, dst = parse.GetValue(dest)!;
            MfsStat? target = null;
            try { target = await tree.StatAsync(dst, ct); }
            catch (MfsException e) when (e.Kind == MfsErrorKind.NotFound) { }
            if (target?.Kind == MfsEntryKind.Directory) dst = MfsPath.Combine(MfsPath.Normalize(dst), MfsPath.Split(src)[^1]);
            await tree.RenameAsync(src, dst, ct);
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            bool f = parse.GetValue(force);
            foreach (var p in parse.GetValue(paths)!)
            {
                if (MfsPath.Split(p).Length == 0) throw new ArgumentException("cannot delete root");
                try
                {
                    var st = await tree.StatAsync(p, ct);
                    if (st.Kind == MfsEntryKind.Directory && !parse.GetValue(recursive) && !f)
                        throw new MfsException(MfsErrorKind.IsADirectory, $"{MfsPath.Normalize(p)} is a directory, use -r to remove directories");
                    await tree.RemoveAsync(p, recursive: true, ct);
                }
                catch (MfsException e) when (f && e.Kind == MfsErrorKind.NotFound) { }
            }
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            if (parse.GetValue(offset) < 0) throw new ArgumentException("offset must be >= 0");
            var bytes = await tree.ReadAllAsync(parse.GetValue(path)!, parse.GetValue(offset), parse.GetValue(count), ct);
            await using var stdout = Verb.StandardOutput();
            await stdout.WriteAsync(bytes, ct);
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            string p = parse.GetValue(path)!;
            if (parse.GetValue(offset) < 0) throw new ArgumentException("offset must be >= 0");
            if (parse.GetValue(parents))
            {
                var parts = MfsPath.Split(p);
                if (parts.Length > 1) await tree.MkdirAsync("/" + string.Join('/', parts[..^1]), parents: true, ct);
            }
            var flags = MfsOpenFlags.Write | (parse.GetValue(create) ? MfsOpenFlags.Create : 0) | (parse.GetValue(truncate) ? MfsOpenFlags.Truncate : 0);
            await using var input = parse.GetValue(data) is { } file ? File.OpenRead(file) : Console.OpenStandardInput();
            await using var handle = await tree.OpenAsync(p, flags, ct);
            long pos = parse.GetValue(offset), left = parse.GetValue(count) ?? long.MaxValue;
            var buffer = new byte[1 << 20];
            while (left > 0)
            {
                int n = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
                if (n == 0) break;
                await handle.WriteAsync(pos, buffer.AsMemory(0, n), ct);
                pos += n;
                left -= n;
            }
            return 0;
        }, ct, layout: LayoutFrom(parse)));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            string p = parse.GetValue(path)!;
            try { await tree.StatAsync(p, ct); }
            catch (MfsException e) when (e.Kind == MfsErrorKind.NotFound)
            {
                await using var h = await tree.OpenAsync(p, MfsOpenFlags.Write | MfsOpenFlags.Create, ct);
            }
            var t = parse.GetValue(mtime) is { } secs ? new MfsTime(secs, parse.GetValue(nsecs)) : MfsTime.FromDateTimeOffset(DateTimeOffset.UtcNow);
            await tree.UtimensAsync(p, t, ct);
            return 0;
        }, ct));
        return command;
    }

    private static Command Chmod()
    {
        var mode = new Argument<string>("mode") { Description = "Octal permission bits, e.g. 644 or 0755" };
        var path = PathArg();
        var command = Verb.Create("chmod", "Change the UnixFS mode of a file or directory.", "ipfsmount files chmod 600 /secret.txt");
        command.Arguments.Add(mode);
        command.Arguments.Add(path);
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            string m = parse.GetValue(mode)!;
            uint bits;
            try { bits = Convert.ToUInt32(m, 8); }
            catch (FormatException) { throw new ArgumentException($"mode '{m}' is not an octal number like 644"); }
            if (bits > 0xFFF) throw new ArgumentException($"mode '{m}' has bits beyond 07777");
            await tree.ChmodAsync(parse.GetValue(path)!, bits, ct);
            return 0;
        }, ct));
        return command;
    }

    private static Command Flush()
    {
        var path = PathArg("Path to flush (default /)", optional: true);
        var command = Verb.Create("flush", "Flush a path's data to blocks, record a version, and print its CID.", "ipfsmount files flush /");
        command.Arguments.Add(path);
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            await Console.Out.WriteLineAsync((await tree.FlushAsync(parse.GetValue(path)!, ct)).ToString());
            return 0;
        }, ct));
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
        command.SetAction((parse, ct) => WithTreeAsync(parse, async (tree, _) =>
        {
            ulong? hash = parse.GetValue(Hash) is { } h ? HashCodeOf(h) : null;
            await tree.ChangeCidAsync(parse.GetValue(path)!, parse.GetValue(CidVersion), hash, ct);
            return 0;
        }, ct));
        return command;
    }
}
