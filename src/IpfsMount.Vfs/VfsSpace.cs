// What statfs reports for a tree: capacity and free space of the store behind it, in bytes.
namespace IpfsMount.Vfs;

public readonly record struct VfsSpace(long TotalBytes, long FreeBytes, long AvailableBytes)
{
    /// <summary>The free space of the file system holding <paramref name="path"/> (e.g. the repo directory).</summary>
    public static VfsSpace Of(string path)
    {
        var drive = new DriveInfo(Path.GetFullPath(path));
        return new VfsSpace(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
    }
}
