// A whole directory tree as data (relative path → kind, mode, size, SHA-256, symlink target, optional mtime),
// read without following symlinks, and a readable list of the differences between two such trees.
using System.Security.Cryptography;

namespace IpfsMount.Fuse.Tests.MfsWrite;

internal enum TreeEntryKind { File, Directory, Symlink }

internal sealed record TreeEntry(TreeEntryKind Kind, UnixFileMode Mode, long Size, string? Sha256, string? Target, long? MtimeSeconds)
{
    public override string ToString() => Kind switch
    {
        TreeEntryKind.File => $"file {Convert.ToString((int)Mode, 8)} {Size} B sha256 {Sha256?[..12]}{(MtimeSeconds is { } m ? $" mtime {m}" : "")}",
        TreeEntryKind.Directory => $"dir {Convert.ToString((int)Mode, 8)}{(MtimeSeconds is { } m ? $" mtime {m}" : "")}",
        _ => $"symlink -> {Target}",
    };
}

internal sealed class TreeSnapshot
{
    private TreeSnapshot(SortedDictionary<string, TreeEntry> entries) => Entries = entries;

    public SortedDictionary<string, TreeEntry> Entries { get; }

    /// <summary>Reads every entry under <paramref name="root"/> (not the root itself).</summary>
    /// <param name="skip">relative paths to leave out (a skipped directory is not descended into)</param>
    /// <param name="mtimes">also record files' and directories' mtimes (whole seconds)</param>
    public static TreeSnapshot Capture(string root, Func<string, bool>? skip = null, bool mtimes = false)
    {
        var entries = new SortedDictionary<string, TreeEntry>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), "", entries, skip, mtimes);
        return new TreeSnapshot(entries);
    }

    private static void Walk(DirectoryInfo dir, string prefix, SortedDictionary<string, TreeEntry> entries, Func<string, bool>? skip, bool mtimes)
    {
        foreach (var info in dir.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false }))
        {
            var rel = prefix + info.Name;
            if (skip?.Invoke(rel) == true) continue;
            if (info.LinkTarget is { } target)
            {
                entries[rel] = new TreeEntry(TreeEntryKind.Symlink, 0, 0, null, target, null);
            }
            else if (info is DirectoryInfo sub)
            {
                Walk(sub, rel + "/", entries, skip, mtimes);
                sub.Refresh();
                entries[rel] = new TreeEntry(TreeEntryKind.Directory, File.GetUnixFileMode(sub.FullName), 0, null, null, mtimes ? Seconds(sub.LastWriteTimeUtc) : null);
            }
            else
            {
                var file = (FileInfo)info;
                var bytes = File.ReadAllBytes(file.FullName);
                long? mtime = mtimes ? Seconds(file.LastWriteTimeUtc) : null;
                entries[rel] = new TreeEntry(TreeEntryKind.File, File.GetUnixFileMode(file.FullName), bytes.Length,
                    Convert.ToHexString(SHA256.HashData(bytes)), null, mtime);
            }
        }
    }

    private static long Seconds(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();

    /// <summary>One line per path that is missing on one side or differs; empty when the trees are equal.</summary>
    public static List<string> Differences(TreeSnapshot expected, TreeSnapshot actual, string expectedName = "local", string actualName = "mfs")
    {
        var lines = new List<string>();
        foreach (var (path, e) in expected.Entries)
        {
            if (!actual.Entries.TryGetValue(path, out var a)) lines.Add($"{path}: only in {expectedName} ({e})");
            else if (e != a) lines.Add($"{path}: {expectedName} {e} / {actualName} {a}");
        }
        foreach (var (path, a) in actual.Entries)
            if (!expected.Entries.ContainsKey(path)) lines.Add($"{path}: only in {actualName} ({a})");
        return lines;
    }

    /// <summary>Asserts the trees are equal, listing every difference (at most 40) when not.</summary>
    public static void AssertEqual(TreeSnapshot expected, TreeSnapshot actual, string context)
    {
        var diff = Differences(expected, actual);
        Assert.True(diff.Count == 0, $"{context}: {diff.Count} difference(s) between local and mfs:\n  " + string.Join("\n  ", diff.Take(40)));
    }
}
