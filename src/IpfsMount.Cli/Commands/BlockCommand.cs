// `ipfsmount block get|put|stat|rm`: raw block access, with Kubo's output formats.
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class BlockCommand
{
    public static Command Create()
    {
        var block = Verb.Create("block", "Work with raw IPFS blocks.");
        block.Subcommands.Add(Get());
        block.Subcommands.Add(Put());
        block.Subcommands.Add(Stat());
        block.Subcommands.Add(Rm());
        return block;
    }

    private static Command Get()
    {
        var cid = Verb.Required("CID", "The block's CID");
        var command = Verb.Create("get", "Write a raw block's bytes to stdout.", "ipfsmount block get <cid> > block.bin");
        command.Arguments.Add(cid);
        command.OnNode(async (parse, node, ct) =>
        {
            await using var data = await node.BlockGetAsync(parse.GetValue(cid)!, ct);
            await using var stdout = Verb.StandardOutput();
            await data.CopyToAsync(stdout, ct);
            return 0;
        });
        return command;
    }

    private static Command Put()
    {
        var file = new Argument<string?>("FILE") { Description = "File with the block's bytes ('-' or none: stdin)", Arity = ArgumentArity.ZeroOrOne };
        var codec = new Option<string>("--cid-codec") { Description = "raw, dag-pb or dag-cbor", DefaultValueFactory = _ => "raw" };
        var hash = new Option<string>("--mhtype") { Description = "sha2-256 or blake3", DefaultValueFactory = _ => "sha2-256" };
        var version = new Option<int>("--cid-version") { Description = "0 (dag-pb + sha2-256 only) or 1", DefaultValueFactory = _ => 1 };
        var pin = new Option<bool>("--pin") { Description = "Pin the block" };
        var command = Verb.Create("put", "Store a raw block and print its CID.", "echo hello | ipfsmount block put", "ipfsmount block put --cid-codec dag-pb node.bin");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { codec, hash, version, pin }) command.Options.Add(o);
        command.OnNode(async (parse, node, ct) =>
        {
            var path = parse.GetValue(file);
            await using var data = path is null or "-" ? Console.OpenStandardInput() : File.OpenRead(path);
            var request = new Daemon.Api.BlockPutRequest(parse.GetValue(codec)!, parse.GetValue(hash)!, parse.GetValue(version), parse.GetValue(pin));
            var stat = await node.BlockPutAsync(data, request, ct);
            await Console.Out.WriteLineAsync(stat.Key);
            return 0;
        });
        return command;
    }

    private static Command Stat()
    {
        var cid = Verb.Required("CID", "The block's CID");
        var command = Verb.Create("stat", "Print a block's key and size.", "ipfsmount block stat <cid>");
        command.Arguments.Add(cid);
        command.OnNode(async (parse, node, ct) =>
        {
            var s = await node.BlockStatAsync(parse.GetValue(cid)!, ct);
            await Console.Out.WriteLineAsync($"Key: {s.Key}");
            await Console.Out.WriteLineAsync($"Size: {s.Size}");
            return 0;
        });
        return command;
    }

    private static Command Rm()
    {
        var cids = Verb.OneOrMore("CID", "Blocks to remove");
        var command = Verb.Create("rm", "Remove blocks from the local store (pinned blocks are refused).", "ipfsmount block rm <cid>");
        command.Arguments.Add(cids);
        command.OnNode(async (parse, node, ct) =>
        {
            await foreach (var cid in node.BlockRmAsync(parse.GetValue(cids)!, ct)) await Console.Out.WriteLineAsync($"removed {cid}");
            return 0;
        });
        return command;
    }
}
