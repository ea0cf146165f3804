// `ipfsmount dag export|import`: moves whole DAGs as CAR files (CARv1 out; v1 and v2 in).
using System.CommandLine;

namespace IpfsMount.Cli.Commands;

internal static class DagCommand
{
    public static Command Create()
    {
        var dag = Verb.Create("dag", "Work with IPLD DAGs.");
        dag.Subcommands.Add(Export());
        dag.Subcommands.Add(Import());
        return dag;
    }

    private static Command Export()
    {
        var root = Verb.Required("ROOT", "Root CID of the DAG");
        var command = Verb.Create("export", "Write the DAG under ROOT as a CARv1 stream to stdout.", "ipfsmount dag export <cid> > dag.car");
        command.Arguments.Add(root);
        command.OnNode(async (parse, node, ct) =>
        {
            await using var stdout = Verb.StandardOutput();
            await node.DagExportAsync(parse.GetValue(root)!, stdout, ct);
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var files = new Argument<string[]>("FILE") { Description = "CAR files ('-' or none: stdin)", Arity = ArgumentArity.ZeroOrMore };
        var pinRoots = new Option<bool>("--pin-roots") { Description = "Pin the CAR's roots (default true)", DefaultValueFactory = _ => true };
        var command = Verb.Create("import", "Import the blocks of CAR files and pin their roots.", "ipfsmount dag import dag.car", "cat dag.car | ipfsmount dag import --pin-roots=false");
        command.Arguments.Add(files);
        command.Options.Add(pinRoots);
        command.OnNode(async (parse, node, ct) =>
        {
            var paths = parse.GetValue(files) is { Length: > 0 } p ? p : ["-"];
            var failed = false;
            foreach (var path in paths)
            {
                await using var car = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
                await foreach (var r in node.DagImportAsync(car, parse.GetValue(pinRoots), ct))
                {
                    if (r.Error is not null) failed = true;
                    if (r.Pinned || r.Error is not null)
                        await Console.Out.WriteLineAsync($"Pinned root\t{r.Cid}\t{(r.Error is null ? "success" : r.Error)}");
                }
            }
            return failed ? Program.ExitError : 0;
        });
        return command;
    }
}
