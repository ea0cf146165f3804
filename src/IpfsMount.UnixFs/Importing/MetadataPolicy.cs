// What mode/mtime the importer writes, following ipfs-unixfs's marshal(): permission bits only (& 0xFFF), and the
// type's default mode (0644 files and symlinks, 0755 directories) is left out.
namespace IpfsMount.UnixFs;

internal static class MetadataPolicy
{
    public const uint DefaultFileMode = 0x1A4;      // 0644
    public const uint DefaultDirectoryMode = 0x1ED; // 0755

    public static uint? EncodedMode(uint? mode, bool isDirectory)
    {
        if (mode is not { } m) return null;
        m &= 0xFFF;
        return m == (isDirectory ? DefaultDirectoryMode : DefaultFileMode) ? null : m;
    }
}
