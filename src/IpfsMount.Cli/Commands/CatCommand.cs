// `ipfsmount cat`: writes the bytes of a UnixFS file to stdout, optionally a range of it.
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class CatCommand
{
    private static readonly Argument<string> PathArg = Verb.Required("PATH", "CID or /ipfs/<cid>/path of a file");
    private static readonly Option<long> Offset = new("--offset", "-o") { Description = "Byte offset to start at" };
    private static readonly Option<long?> Length = new("--length", "-l") { Description = "Maximum number of bytes to write" };

    public static Command Create()
    {
        var command = Verb.Create("cat", "Show the contents of a file stored in IPFS.",
            "ipfsmount cat QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN",
            "ipfsmount cat /ipfs/<dir-cid>/docs/readme.md",
            "ipfsmount cat --offset 1048576 --length 4096 <cid> > part.bin");
        command.Arguments.Add(PathArg);
        command.Options.Add(Offset);
        command.Options.Add(Length);
        command.OnNode(async (parse, node, ct) =>
        {
            var offset = parse.GetValue(Offset);
            var length = parse.GetValue(Length);
            if (offset < 0) throw new ArgumentException("--offset must not be negative");
            if (length < 0) throw new ArgumentException("--length must not be negative");
            await using var content = await node.CatAsync(parse.GetValue(PathArg)!, offset, length, ct);
            await using var stdout = Verb.StandardOutput();
            await content.CopyToAsync(stdout, 256 * 1024, ct);
            return 0;
        });
        return command;
    }
}
