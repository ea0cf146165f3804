// A committed MFS version read back in full through the mount's read-only /ipfs view (every block hash-checked by
// the mount), with each file's CID from `user.ipfs.cid` so content shared between versions is read once per mount.
using System.Collections.Immutable;

namespace IpfsMount.Fuse.Tests.MfsWrite;

internal sealed class VersionTree
{
    private readonly Dictionary<string, byte[]> _contentByCid = new(StringComparer.Ordinal);

    /// <summary>path → content (null for directories) of the tree at <paramref name="root"/>, and path → CID.</summary>
    public (ImmutableSortedDictionary<string, byte[]?> Entries, ImmutableSortedDictionary<string, string> Cids) Read(string root)
    {
        var entries = ImmutableSortedDictionary.CreateBuilder<string, byte[]?>(StringComparer.Ordinal);
        var cids = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        Walk(root, "", entries, cids);
        return (entries.ToImmutable(), cids.ToImmutable());
    }

    /// <summary>path → content of a live directory (the current `<mnt>/mfs`), read directly.</summary>
    public static ImmutableSortedDictionary<string, byte[]?> ReadLive(string root)
    {
        var entries = ImmutableSortedDictionary.CreateBuilder<string, byte[]?>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var rel = Path.GetRelativePath(root, info.FullName);
            if (info.LinkTarget is not null) throw new InvalidDataException($"unexpected symlink {rel}");
            entries[rel] = info is DirectoryInfo ? null : File.ReadAllBytes(info.FullName);
        }
        return entries.ToImmutable();
    }

    private void Walk(string dir, string prefix, ImmutableSortedDictionary<string, byte[]?>.Builder entries, ImmutableSortedDictionary<string, string>.Builder cids)
    {
        foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var rel = prefix + info.Name;
            var cid = Posix.GetXattr(info.FullName, "user.ipfs.cid", out var error)
                ?? throw new IOException($"getxattr user.ipfs.cid of {info.FullName}: {error}");
            cids[rel] = cid;
            if (info is DirectoryInfo)
            {
                entries[rel] = null;
                Walk(info.FullName, rel + "/", entries, cids);
            }
            else
            {
                if (!_contentByCid.TryGetValue(cid, out var bytes)) _contentByCid[cid] = bytes = File.ReadAllBytes(info.FullName);
                entries[rel] = bytes;
            }
        }
    }

    /// <summary>Differences between two path → content maps, for failure messages.</summary>
    public static string Describe(ImmutableSortedDictionary<string, byte[]?> expected, ImmutableSortedDictionary<string, byte[]?> actual)
    {
        var lines = new List<string>();
        foreach (var (path, e) in expected)
        {
            if (!actual.TryGetValue(path, out var a)) lines.Add($"missing {path}");
            else if (!SameContent(e, a)) lines.Add($"differs {path}: expected {Size(e)}, found {Size(a)}");
        }
        foreach (var path in actual.Keys.Where(p => !expected.ContainsKey(p))) lines.Add($"unexpected {path} ({Size(actual[path])})");
        return lines.Count == 0 ? "(equal)" : string.Join("; ", lines.Take(20));
    }

    public static bool SameContent(byte[]? a, byte[]? b) => a is null || b is null ? a is null && b is null : a.AsSpan().SequenceEqual(b);

    private static string Size(byte[]? content) => content is null ? "a directory" : $"{content.Length} B";
}
