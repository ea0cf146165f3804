// `ipfsmount key gen|list|rm|rename|export|import`: manages the keystore (Ed25519 keys; `self` is the node).
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class KeyCommand
{
    public static Command Create()
    {
        var key = Verb.Create("key", "Create and manage keys (for IPNS names).");
        key.Subcommands.Add(Gen());
        key.Subcommands.Add(List());
        key.Subcommands.Add(Rm());
        key.Subcommands.Add(Rename());
        key.Subcommands.Add(Export());
        key.Subcommands.Add(Import());
        return key;
    }

    private static Command Gen()
    {
        var name = Verb.Required("NAME", "Name of the new key");
        var type = new Option<string>("--type", "-t") { Description = "Key type (ed25519)", DefaultValueFactory = _ => "ed25519" };
        var command = Verb.Create("gen", "Create a new key and print its ID.", "ipfsmount key gen blog");
        command.Arguments.Add(name);
        command.Options.Add(type);
        command.OnNode(async (parse, node, ct) =>
        {
            var k = await node.KeyGenAsync(parse.GetValue(name)!, parse.GetValue(type)!, ct);
            await Console.Out.WriteLineAsync(k.Id);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var ids = new Option<bool>("-l") { Description = "Show key IDs too" };
        var command = Verb.Create("list", "List key names (with -l: `<id> <name>`).", "ipfsmount key list -l");
        command.Options.Add(ids);
        command.OnNode(async (parse, node, ct) =>
        {
            await foreach (var k in node.KeyListAsync(ct))
                await Console.Out.WriteLineAsync(parse.GetValue(ids) ? $"{k.Id} {k.Name}" : k.Name);
            return 0;
        });
        return command;
    }

    private static Command Rm()
    {
        var names = Verb.OneOrMore("NAME", "Keys to remove");
        var ids = new Option<bool>("-l") { Description = "Show key IDs too" };
        var command = Verb.Create("rm", "Remove keys (not `self`).", "ipfsmount key rm blog");
        command.Arguments.Add(names);
        command.Options.Add(ids);
        command.OnNode(async (parse, node, ct) =>
        {
            foreach (var n in parse.GetValue(names)!)
            {
                var k = await node.KeyRmAsync(n, ct);
                await Console.Out.WriteLineAsync(parse.GetValue(ids) ? $"{k.Id} {k.Name}" : k.Name);
            }
            return 0;
        });
        return command;
    }

    private static Command Rename()
    {
        var from = Verb.Required("OLD", "Current name");
        var to = Verb.Required("NEW", "New name");
        var command = Verb.Create("rename", "Rename a key.", "ipfsmount key rename blog journal");
        command.Arguments.Add(from);
        command.Arguments.Add(to);
        command.OnNode(async (parse, node, ct) =>
        {
            var k = await node.KeyRenameAsync(parse.GetValue(from)!, parse.GetValue(to)!, ct);
            await Console.Out.WriteLineAsync($"Key {k.Id} renamed to {k.Name}");
            return 0;
        });
        return command;
    }

    private static Command Export()
    {
        var name = Verb.Required("NAME", "Key to export");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: <name>.key)" };
        var command = Verb.Create("export", "Write a key's private key (libp2p protobuf) to a file.", "ipfsmount key export blog -o blog.key");
        command.Arguments.Add(name);
        command.Options.Add(output);
        command.OnNode(async (parse, node, ct) =>
        {
            var n = parse.GetValue(name)!;
            var bytes = await node.KeyExportAsync(n, ct);
            var path = parse.GetValue(output) ?? n + ".key";
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await file.WriteAsync(bytes, ct);
            }
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var name = Verb.Required("NAME", "Name for the imported key");
        var file = Verb.Required("FILE", "File with the private key (libp2p protobuf, as written by `key export`)");
        var command = Verb.Create("import", "Import a private key and print its ID.", "ipfsmount key import blog blog.key");
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        command.OnNode(async (parse, node, ct) =>
        {
            var info = new FileInfo(parse.GetValue(file)!);
            if (info.Exists && info.Length > 64 * 1024) throw new ArgumentException($"{info.Name} is too large to be a key file");
            var k = await node.KeyImportAsync(parse.GetValue(name)!, await File.ReadAllBytesAsync(info.FullName, ct), ct);
            await Console.Out.WriteLineAsync(k.Id);
            return 0;
        });
        return command;
    }
}
