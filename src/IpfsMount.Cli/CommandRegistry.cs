// The one place where verbs are registered: one line per verb group (each defined in Commands/<Verb>Command.cs).
using System.CommandLine;
using System.CommandLine.Help;
using IpfsMount.Cli.Commands;

namespace IpfsMount.Cli;

internal static class CommandRegistry
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ipfsmount: an IPFS node that puts IPFS on a mount point (Kubo-compatible commands)");
        root.Options.Add(CliOptions.Debug);
        root.Options.Add(CliOptions.RepoDir);

        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(AddCommand.Create());
        root.Subcommands.Add(CatCommand.Create());
        root.Subcommands.Add(GetCommand.Create());
        root.Subcommands.Add(LsCommand.Create());
        root.Subcommands.Add(PinCommand.Create());
        root.Subcommands.Add(RepoCommand.Create());
        root.Subcommands.Add(BlockCommand.Create());
        root.Subcommands.Add(DagCommand.Create());
        root.Subcommands.Add(KeyCommand.Create());
        root.Subcommands.Add(IdCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(DaemonCommand.Create());
        root.Subcommands.Add(NetworkCommands.CreateSwarm());
        root.Subcommands.Add(NetworkCommands.CreatePing());
        root.Subcommands.Add(MountCommands.CreateMount());
        root.Subcommands.Add(MountCommands.CreateUnmount());
        root.Subcommands.Add(FilesCommands.Create());
        foreach (var verb in VersionCommands.Create()) root.Subcommands.Add(verb);

        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction standard) help.Action = new ExamplesHelpAction(standard);
        // "/h" and "/?" are Windows-style help aliases; here they are MFS/IPFS paths (`files read /h`).
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Aliases.Remove("/h");
            help.Aliases.Remove("/?");
        }
        return root;
    }
}
