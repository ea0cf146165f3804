// `ipfsmount get`: writes a file or directory tree from IPFS to the local disk.
using System.CommandLine;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Cli.Commands;

internal static class GetCommand
{
    private static readonly Argument<string> PathArg = Verb.Required("PATH", "CID or /ipfs/<cid>/path to fetch");
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "Where to write it (default: the last path component)" };

    public static Command Create()
    {
        var command = Verb.Create("get", "Download a file or directory from IPFS to the local disk.",
            "ipfsmount get QmX8zuM2wxWsyG7cSzuvL2H8dJ9HxX4hqfMiJKxiwrX1hz",
            "ipfsmount get -o site /ipfs/<cid>/public");
        command.Arguments.Add(PathArg);
        command.Options.Add(Output);
        command.OnNode(async (parse, node, ct) =>
        {
            var path = parse.GetValue(PathArg)!;
            var target = parse.GetValue(Output) ?? DefaultName(path);
            await node.GetAsync(path, new DiskEntrySink(Path.GetFullPath(target), () => Console.Out.WriteLine($"Saving file(s) to {target}")), ct);
            return 0;
        });
        return command;
    }

    private static string DefaultName(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? throw new ArgumentException("empty path") : parts[^1];
    }

    /// <summary>Writes get's entries under a root path, refusing names that would escape it.</summary>
    private sealed class DiskEntrySink(string root, Action onFirstEntry) : IEntrySink
    {
        private bool _started;

        public ValueTask DirectoryAsync(string relativePath, CancellationToken ct)
        {
            Directory.CreateDirectory(Resolve(relativePath));
            return ValueTask.CompletedTask;
        }

        public async ValueTask FileAsync(string relativePath, Stream content, CancellationToken ct)
        {
            var target = Resolve(relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await content.CopyToAsync(file, 256 * 1024, ct);
        }

        public ValueTask SymlinkAsync(string relativePath, string linkTarget, CancellationToken ct)
        {
            var target = Resolve(relativePath);
            if (File.Exists(target) || Directory.Exists(target)) File.Delete(target);
            File.CreateSymbolicLink(target, linkTarget);
            return ValueTask.CompletedTask;
        }

        private string Resolve(string relativePath)
        {
            if (!_started)
            {
                _started = true;
                onFirstEntry(); // like Kubo, but only once the path resolved (a bad CID prints just the error)
            }
            if (relativePath.Length == 0) return root;
            var full = Path.GetFullPath(Path.Combine(root, relativePath));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new InvalidDataException($"refusing to write '{relativePath}' outside {root}");
            return full;
        }
    }
}
