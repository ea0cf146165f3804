// Small building blocks shared by verb files: a command with examples in its help, and running an action
// against the node (daemon if one answers, else the local repo).
using System.CommandLine;
using System.Runtime.CompilerServices;
using IpfsMount.Daemon;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Cli.Commands;

internal static class Verb
{
    private static readonly ConditionalWeakTable<Command, string[]> ExampleTable = new();

    /// <summary>A command whose `--help` ends with an "Examples:" block.</summary>
    public static Command Create(string name, string description, params string[] examples)
    {
        var command = new Command(name, description);
        if (examples.Length > 0) ExampleTable.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<string> Examples(Command command) =>
        ExampleTable.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Sets the action: connect to the node, run body, dispose the node.</summary>
    public static void OnNode(this Command command, Func<ParseResult, INodeApi, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            await using var node = await NodeConnector.ConnectAsync(CliOptions.RepoPath(parse), ct);
            return await body(parse, node, ct);
        });

    public static Stream StandardOutput() => Console.OpenStandardOutput();

    public static Argument<string> Required(string name, string description) => new(name) { Description = description };

    public static Argument<string[]> OneOrMore(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.OneOrMore };
}
