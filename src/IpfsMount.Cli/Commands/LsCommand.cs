// `ipfsmount ls`: lists a UnixFS directory as Kubo does: `<cid> <size> <name>`, directories as `<cid> - <name>/`.
using System.CommandLine;
using System.Globalization;

namespace IpfsMount.Cli.Commands;

internal static class LsCommand
{
    private static readonly Argument<string> PathArg = Verb.Required("PATH", "CID or /ipfs/<cid>/path of a directory");

    public static Command Create()
    {
        var command = Verb.Create("ls", "List the links of a directory (CID, size, name), aligned like Kubo's `ipfs ls`.",
            "ipfsmount ls QmX8zuM2wxWsyG7cSzuvL2H8dJ9HxX4hqfMiJKxiwrX1hz",
            "ipfsmount ls /ipfs/<cid>/docs");
        command.Arguments.Add(PathArg);
        command.OnNode(async (parse, node, ct) =>
        {
            var rows = new List<(string Cid, string Size, string Name)>();
            await foreach (var e in node.LsAsync(parse.GetValue(PathArg)!, ct))
            {
                var isDir = e.Type == "directory";
                rows.Add((e.Cid, isDir ? "-" : e.Size.ToString(CultureInfo.InvariantCulture), isDir ? e.Name + "/" : e.Name));
            }
            var w1 = rows.Count == 0 ? 0 : rows.Max(r => r.Cid.Length);
            var w2 = rows.Count == 0 ? 0 : rows.Max(r => r.Size.Length);
            foreach (var r in rows) await Console.Out.WriteLineAsync($"{r.Cid.PadRight(w1)} {r.Size.PadRight(w2)} {r.Name}");
            return 0;
        });
        return command;
    }
}
