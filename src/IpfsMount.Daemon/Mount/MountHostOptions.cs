// Options of `ipfsmount mount`: where, timeouts, whether to link /ipfs /ipns /mfs into the mount, the MFS history.
using IpfsMount.Fuse;
using IpfsMount.Mfs;
using IpfsMount.Vfs;

namespace IpfsMount.Daemon.Mount;

public sealed record MountHostOptions
{
    public static string DefaultMountPoint =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "ipfs");

    public string MountPoint { get; init; } = DefaultMountPoint;

    /// <summary>Create /ipfs, /ipns, /mfs symlinks into the mount when running as root.</summary>
    public bool RootLinks { get; init; } = true;

    /// <summary>Directory that receives the links ("/" unless testing).</summary>
    public string LinkDirectory { get; init; } = "/";

    public VfsOptions Vfs { get; init; } = new();
    public FuseMountOptions Fuse { get; init; } = new();

    /// <summary>The MFS version log behind the read-only `mfs@/` view (version numbers, root CIDs); null: no mfs@.</summary>
    public IMfsVersionLog? MfsHistory { get; init; }
}
