// IUnixFsSource over the UnixFs resolver and random-access reader (ipfs/specs UNIXFS.md), on any block store.
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Vfs.Dag;

/// <summary>
/// Serves the DAG nodes from a <see cref="UnixFsResolver"/>: blocks are hash-checked as they are read, HAMT shards
/// are walked lazily, and each open file gets a <see cref="UnixFsFileReader"/> (safe for concurrent reads, with
/// read-ahead of <see cref="VfsOptions.ReadAheadBytes"/> on sequential access).
/// </summary>
/// <param name="storeVerifies">true when <paramref name="blocks"/> already hash-checks every block it returns (the
/// repo's store does): then the resolver does not hash each block a second time on the read path.</param>
public sealed class UnixFsSource(IBlockStore blocks, VfsOptions options, bool storeVerifies = false) : IUnixFsSource
{
    private const int LeafBytes = 256 * 1024;
    private readonly UnixFsResolver resolver = new(blocks, verifyBlocks: !storeVerifies);

    public async ValueTask<DagInfo> StatAsync(Cid cid, CancellationToken ct) =>
        ToInfo(await resolver.GetNodeAsync(cid, ct).ConfigureAwait(false));

    public async ValueTask<DagInfo?> LookupAsync(DagInfo directory, string name, CancellationToken ct)
    {
        var child = await resolver.LookupAsync(NodeOf(directory), name, ct).ConfigureAwait(false);
        return child is { } cid ? await StatAsync(cid, ct).ConfigureAwait(false) : null;
    }

    public async IAsyncEnumerable<DagLink> ListAsync(DagInfo directory, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var entry in resolver.ListAsync(NodeOf(directory), ct).ConfigureAwait(false))
        {
            yield return new DagLink(entry.Name, entry.Cid, entry.Tsize);
        }
    }

    public ValueTask<IFileReader> OpenAsync(DagInfo file, CancellationToken ct)
    {
        var reader = resolver.OpenFile(NodeOf(file), readAheadLeaves: Math.Max(0, options.ReadAheadBytes / LeafBytes));
        return ValueTask.FromResult<IFileReader>(new Reader(reader));
    }

    private static UnixFsNode NodeOf(DagInfo info) =>
        info.Native as UnixFsNode ?? throw new InvalidOperationException($"{info.Cid} was not resolved by a UnixFsSource");

    private static DagInfo ToInfo(UnixFsNode node)
    {
        var kind = node.IsDirectory ? VfsNodeKind.Directory
            : node.Kind == UnixFsNodeKind.Symlink ? VfsNodeKind.Symlink
            : VfsNodeKind.File;
        var target = node.SymlinkTarget;
        var size = kind switch
        {
            VfsNodeKind.Directory => 0,
            VfsNodeKind.Symlink => System.Text.Encoding.UTF8.GetByteCount(target ?? ""),
            _ => node.Size,
        };
        return new DagInfo(node.Cid, kind, size, node.Mode, node.Mtime?.ToDateTimeOffset(), target, node);
    }

    private sealed class Reader(UnixFsFileReader reader) : IFileReader
    {
        public long Length => reader.Length;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct) => reader.ReadAsync(offset, buffer, ct);

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
