// `ipfsmount init`: creates the repository (RocksDB store, config, `self` key) and prints the peer identity.
using System.CommandLine;
using IpfsMount.Daemon.Local;

namespace IpfsMount.Cli.Commands;

internal static class InitCommand
{
    private static readonly Option<string?> Profile = new("--profile") { Description = "Import profile stored in the config (kubo, kubo-v1, unixfs-v1-2025, test-cid-v1): the defaults of `add` and the MFS layout, so added files, the MFS root and new MFS files get its CID version" };

    public static Command Create()
    {
        var command = Verb.Create("init", "Create a new repository at $IPFSMOUNT_PATH (default ~/.ipfsmount).",
            "ipfsmount init", "IPFSMOUNT_PATH=/data/ipfs ipfsmount init");
        command.Options.Add(Profile);
        command.SetAction(async (parse, ct) =>
        {
            var repo = CliOptions.RepoPath(parse);
            await Console.Out.WriteAsync("generating ED25519 keypair...");
            var id = await LocalNode.InitRepoAsync(repo, parse.GetValue(Profile), ct);
            await Console.Out.WriteLineAsync("done");
            await Console.Out.WriteLineAsync($"peer identity: {id}");
            await Console.Out.WriteLineAsync($"initializing IPFS node at {repo}");
            return 0;
        });
        return command;
    }
}
