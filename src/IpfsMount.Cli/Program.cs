// The `ipfsmount` command: parses the verb line (System.CommandLine), runs it, and turns any failure into one
// `Error: …` line on stderr with a non-zero exit (a stack trace only with --debug).
using System.CommandLine;
using System.CommandLine.Invocation;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Cli;

public static class Program
{
    public const int ExitError = 1;
    public const int ExitUsage = 2;

    public static async Task<int> Main(string[] args)
    {
        var root = CommandRegistry.BuildRoot();
        var parse = root.Parse(args);
        var debug = parse.GetValue(CliOptions.Debug);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            var verb = parse.CommandResult.Command == root ? "ipfsmount" : "ipfsmount " + string.Join(' ', CommandPath(parse.CommandResult.Command));
            var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
            await Console.Error.WriteLineAsync($"Error: {error.Message} (see '{verb} --help')");
            return ExitUsage;
        }
        try
        {
            var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(config);
        }
        catch (Exception ex)
        {
            var report = ErrorReport.From(ex);
            await Console.Error.WriteLineAsync(debug ? $"Error: {report.Message}\n{ex}" : $"Error: {OneLine(report.Message)}");
            return ExitError;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = c.Parents.FirstOrDefault()) names.Push(c.Name);
        return names;
    }
}
