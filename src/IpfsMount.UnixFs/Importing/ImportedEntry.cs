// One entry the importer added, like a line of Kubo's `ipfs add` output (`added <cid> <path>`).
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// An imported file, symlink or directory. <paramref name="Size"/> is the cumulative DAG size (the Tsize a parent
/// link carries: this block plus the Tsize of every link below it).
/// </summary>
public sealed record ImportedEntry(string Path, Cid Cid, ulong Size);
