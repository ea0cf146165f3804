// What the VFS needs to know about one UnixFS node: kind, size, metadata, and the reader's own handle to it.
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

/// <param name="Native">the source's own representation (e.g. the resolved UnixFS node), reused by list and open.</param>
public sealed record DagInfo(
    Cid Cid, VfsNodeKind Kind, long Size, uint? Mode, DateTimeOffset? Mtime, string? SymlinkTarget, object? Native = null);
