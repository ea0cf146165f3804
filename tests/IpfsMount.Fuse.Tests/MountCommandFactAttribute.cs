// A fact that needs mount(8) and root: skipped, with the reason, on machines without util-linux mount or as a user.
namespace IpfsMount.Fuse.Tests;

public sealed class MountCommandFactAttribute : FactAttribute
{
    public MountCommandFactAttribute()
    {
        if (!File.Exists("/usr/bin/mount") && !File.Exists("/bin/mount") && !File.Exists("/usr/sbin/mount"))
        {
            Skip = "mount(8) is not installed (Debian package `mount`): `mount -t fuse.ipfsmount` cannot be tried";
        }
        else if (Environment.UserName != "root")
        {
            Skip = "mount(8) with a helper in /sbin needs root; run the tests as root to try `mount -t fuse.ipfsmount`";
        }
    }
}
