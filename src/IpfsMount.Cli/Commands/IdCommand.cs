// `ipfsmount id`: shows the node's identity as Kubo's JSON (ID, PublicKey, Addresses, AgentVersion, Protocols).
using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Cli.Commands;

internal static class IdCommand
{
    private static readonly Option<string?> Format = new("--format", "-f") { Description = "Print only this template: <id>, <pubkey>, <aver>, <addrs>, <protocols>" };

    public static Command Create()
    {
        var command = Verb.Create("id", "Show the node's peer ID, public key and addresses.", "ipfsmount id", "ipfsmount id -f '<id>'");
        command.Options.Add(Format);
        command.OnNode(async (parse, node, ct) =>
        {
            var id = await node.IdAsync(ct);
            await Console.Out.WriteLineAsync(parse.GetValue(Format) is { } f ? Fill(f, id) : ToJson(id));
            return 0;
        });
        return command;
    }

    private static string Fill(string template, IdInfo id) => template
        .Replace("<id>", id.Id).Replace("<pubkey>", id.PublicKey).Replace("<aver>", id.AgentVersion)
        .Replace("<addrs>", string.Join('\n', id.Addresses)).Replace("<protocols>", string.Join('\n', id.Protocols))
        .Replace("\\n", "\n").Replace("\\t", "\t");

    private static string ToJson(IdInfo id)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var doc = new Dictionary<string, object?>
        {
            ["ID"] = id.Id,
            ["PublicKey"] = id.PublicKey,
            ["Addresses"] = id.Addresses.Count == 0 ? null : id.Addresses,
            ["AgentVersion"] = id.AgentVersion,
            ["Protocols"] = id.Protocols.Count == 0 ? null : id.Protocols,
        };
        return JsonSerializer.Serialize(doc, options);
    }
}
