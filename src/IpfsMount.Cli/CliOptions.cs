// Options every verb accepts (--debug, --repo-dir) and the repository path they resolve to.
using System.CommandLine;

namespace IpfsMount.Cli;

internal static class CliOptions
{
    public static readonly Option<bool> Debug = new("--debug")
    {
        Description = "Print the full exception (stack trace) when a command fails",
        Recursive = true,
    };

    public static readonly Option<string?> RepoDir = new("--repo-dir")
    {
        Description = "Repository path (default: $IPFSMOUNT_PATH, else ~/.ipfsmount)",
        Recursive = true,
    };

    public static string RepoPath(ParseResult parse)
    {
        if (parse.GetValue(RepoDir) is { Length: > 0 } dir) return Path.GetFullPath(dir);
        if (Environment.GetEnvironmentVariable("IPFSMOUNT_PATH") is { Length: > 0 } env) return Path.GetFullPath(env);
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ipfsmount");
    }
}
