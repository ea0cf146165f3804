// `ipfsmount daemon`: runs the node with its HTTP API until SIGINT/SIGTERM (see Daemon/Hosting/DaemonHost.cs).
using System.CommandLine;
using IpfsMount.Daemon.Hosting;

namespace IpfsMount.Cli.Commands;

internal static class DaemonCommand
{
    private static readonly Option<int> ApiPort = new("--api-port") { Description = "TCP port on 127.0.0.1 for the API (0: any free port)" };
    private static readonly Option<bool> UnixSocket = new("--api-socket") { Description = "Serve the API on the Unix socket <repo>/api.sock instead of TCP" };
    private static readonly Option<bool> Offline = new("--offline") { Description = "Do not start networking" };

    public static Command Create()
    {
        var command = Verb.Create("daemon", "Run the node: serves the local API (address in <repo>/api) and the registered components; stop with Ctrl+C.",
            "ipfsmount daemon",
            "ipfsmount daemon --api-port 5001",
            "ipfsmount daemon --api-socket");
        command.Options.Add(ApiPort);
        command.Options.Add(UnixSocket);
        command.Options.Add(Offline);
        command.SetAction(async (parse, ct) =>
        {
            var repo = CliOptions.RepoPath(parse);
            var port = parse.GetValue(ApiPort);
            if (port is < 0 or > 65535) throw new ArgumentException($"--api-port must be 0..65535, not {port}");
            var options = new DaemonOptions
            {
                RepoPath = repo,
                ApiPort = port,
                UnixSocket = parse.GetValue(UnixSocket) ? Path.Combine(repo, "api.sock") : null,
                Offline = parse.GetValue(Offline),
            };
            return await new DaemonHost(options, Console.Out).RunAsync(ct);
        });
        return command;
    }
}
