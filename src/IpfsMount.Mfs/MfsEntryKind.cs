// The kinds of entries an MFS tree holds.
namespace IpfsMount.Mfs;

public enum MfsEntryKind
{
    File,
    Directory,
    Symlink,
}
