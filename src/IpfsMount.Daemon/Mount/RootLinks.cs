// /ipfs, /ipns and /mfs as symlinks into a mount (when root): created on mount, removed on unmount, never clobbering.
namespace IpfsMount.Daemon.Mount;

public sealed class RootLinks
{
    public static readonly string[] Names = ["ipfs", "ipns", "mfs"];
    private readonly List<string> created = new();

    /// <param name="linkDirectory">where the links go: "/" normally, another directory in tests.</param>
    public RootLinks(string mountPoint, string linkDirectory = "/")
    {
        MountPoint = Path.GetFullPath(mountPoint);
        LinkDirectory = linkDirectory;
    }

    public string MountPoint { get; }
    public string LinkDirectory { get; }
    public IReadOnlyList<string> Created => created;

    /// <summary>
    /// Creates each link that is missing or is a symlink (a leftover is replaced); paths that exist and are
    /// not symlinks are left alone and reported in the returned list.
    /// </summary>
    public IReadOnlyList<string> Create()
    {
        var skipped = new List<string>();
        foreach (var name in Names)
        {
            var link = Path.Combine(LinkDirectory, name);
            var target = Path.Combine(MountPoint, name);
            var existing = new FileInfo(link);
            if (existing.Exists || Directory.Exists(link) || existing.LinkTarget is not null)
            {
                if (existing.LinkTarget is null)
                {
                    skipped.Add(link);
                    continue;
                }
                if (existing.LinkTarget == target)
                {
                    created.Add(link);
                    continue;
                }
                File.Delete(link);
            }
            File.CreateSymbolicLink(link, target);
            created.Add(link);
        }
        return skipped;
    }

    /// <summary>Removes the links that still point into this mount.</summary>
    public void Remove()
    {
        foreach (var link in created)
        {
            if (new FileInfo(link).LinkTarget is { } target && target.StartsWith(MountPoint + "/", StringComparison.Ordinal))
            {
                File.Delete(link);
            }
        }
        created.Clear();
    }

    /// <summary>Removes links left by a mount at <paramref name="mountPoint"/> whose process is gone.</summary>
    public static void RemoveLeftovers(string mountPoint, string linkDirectory = "/")
    {
        var full = Path.GetFullPath(mountPoint);
        foreach (var name in Names)
        {
            var link = Path.Combine(linkDirectory, name);
            if (new FileInfo(link).LinkTarget == Path.Combine(full, name)) File.Delete(link);
        }
    }
}
