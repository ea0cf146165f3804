// What `stat` returns for an MFS path: kind, CID of the flushed node, sizes (like `ipfs files stat`) and metadata.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

/// <param name="Size">File length in bytes; for a directory 0; for a symlink the target length.</param>
/// <param name="CumulativeSize">The DAG's cumulative size (block bytes plus all descendants), like Kubo's Tsize.</param>
/// <param name="Blocks">Number of links of the node (Kubo's "ChildBlocks").</param>
public sealed record MfsStat(
    string Path, MfsEntryKind Kind, Cid Cid, long Size, ulong CumulativeSize, int Blocks, uint? Mode, MfsTime? Mtime);
