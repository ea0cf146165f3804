// What a resolved UnixFS node is (ipfs/specs UNIXFS.md node types, plus raw-codec blocks which read as files).
namespace IpfsMount.UnixFs;

public enum UnixFsNodeKind
{
    File,
    Directory,
    HamtDirectory,
    Symlink,

    /// <summary>A raw-codec (0x55) block: a file whose content is the block itself.</summary>
    Raw,
}
