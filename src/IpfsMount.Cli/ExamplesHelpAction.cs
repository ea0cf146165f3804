// `--help` for every verb: System.CommandLine's standard help, followed by the verb's examples.
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using IpfsMount.Cli.Commands;

namespace IpfsMount.Cli;

internal sealed class ExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var code = standard.Invoke(parseResult);
        var examples = Verb.Examples(parseResult.CommandResult.Command);
        if (examples.Count == 0) return code;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        foreach (var e in examples) output.WriteLine("  " + e);
        output.WriteLine();
        return code;
    }
}
