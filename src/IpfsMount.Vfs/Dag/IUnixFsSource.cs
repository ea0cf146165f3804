// The seam between the node layer and UnixFS reading: stat, lookup, list and open by CID.
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

/// <summary>
/// Reads UnixFS DAGs for the nodes. <see cref="UnixFsSource"/> implements it with the UnixFs resolver and
/// random-access reader over any <see cref="IBlockStore"/> (local repo, or network-backed).
/// Missing blocks surface as <see cref="BlockNotFoundException"/> or as waiting until the token is cancelled.
/// </summary>
public interface IUnixFsSource
{
    ValueTask<DagInfo> StatAsync(Cid cid, CancellationToken ct);

    /// <summary>The child <paramref name="name"/> of a directory, or null when it has none.</summary>
    ValueTask<DagInfo?> LookupAsync(DagInfo directory, string name, CancellationToken ct);

    IAsyncEnumerable<DagLink> ListAsync(DagInfo directory, CancellationToken ct);

    /// <summary>A reader that serves concurrent positional reads of the file.</summary>
    ValueTask<IFileReader> OpenAsync(DagInfo file, CancellationToken ct);
}
