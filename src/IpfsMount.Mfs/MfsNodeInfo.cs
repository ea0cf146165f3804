// Attributes of one live MFS node read without flushing (what a mount's getattr needs): kind, size, metadata.
namespace IpfsMount.Mfs;

/// <param name="Size">file length, symlink target length in bytes, or the entry count of a directory.</param>
/// <param name="Mode">the UnixFS mode bits, or null when none is stored (the UnixFS defaults apply).</param>
/// <param name="Mtime">the UnixFS mtime, or null when none is stored.</param>
/// <param name="Modified">the last change made in this process, or null when there was none.</param>
/// <param name="Attached">false once the node was unlinked (or rolled away) from the tree.</param>
public sealed record MfsNodeInfo(MfsEntryKind Kind, long Size, uint? Mode, MfsTime? Mtime, DateTimeOffset? Modified, bool Attached);
