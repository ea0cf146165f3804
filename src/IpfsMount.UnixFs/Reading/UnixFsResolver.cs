// Resolves `<cid>/a/b/c` paths over UnixFS DAGs (ipfs/specs UNIXFS.md "Path resolution"), lists directories lazily
// (HAMT shards fetched only as the listing reaches them) and opens files for random-access reading.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// Reads UnixFS from a block store. Every block fetched is checked against its CID unless the store is trusted
/// (<paramref name="verifyBlocks"/> false). Thread-safe.
/// </summary>
public sealed class UnixFsResolver(IBlockStore store, bool verifyBlocks = true)
{
    public IBlockStore Store => store;

    /// <summary>Fetches and decodes the node at <paramref name="cid"/>.</summary>
    public async Task<UnixFsNode> GetNodeAsync(Cid cid, CancellationToken ct = default) =>
        UnixFsNode.Decode(cid, await GetBlockAsync(cid, ct).ConfigureAwait(false));

    /// <summary>
    /// Walks <paramref name="path"/> ("a/b/c"; empty = the root) from <paramref name="root"/>. HAMT directories are
    /// searched by hashing the name, so only the shard blocks on the way are fetched.
    /// </summary>
    /// <exception cref="UnixFsNotFoundException">A component does not exist.</exception>
    /// <exception cref="UnixFsNotADirectoryException">A component before the last is not a directory.</exception>
    public async Task<UnixFsNode> ResolveAsync(Cid root, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = await GetNodeAsync(root, ct).ConfigureAwait(false);
        foreach (string name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name == ".") continue;
            var child = await LookupAsync(node, name, ct).ConfigureAwait(false)
                ?? throw new UnixFsNotFoundException(root, path, name);
            node = await GetNodeAsync(child, ct).ConfigureAwait(false);
        }
        return node;
    }

    /// <summary>The CID of <paramref name="name"/> in directory <paramref name="dir"/>, or null when absent.</summary>
    /// <exception cref="UnixFsNotADirectoryException"><paramref name="dir"/> is not a directory.</exception>
    public async Task<Cid?> LookupAsync(UnixFsNode dir, string name, CancellationToken ct = default)
    {
        switch (dir.Kind)
        {
            case UnixFsNodeKind.Directory:
                foreach (var link in dir.Pb!.Links)
                {
                    if (link.Name == name) return link.Hash;
                }
                return null;
            case UnixFsNodeKind.HamtDirectory:
                return await HamtReader.LookupAsync(this, dir, name, ct).ConfigureAwait(false);
            default:
                throw new UnixFsNotADirectoryException(dir.Cid, name);
        }
    }

    /// <summary>Lists a directory in link order; HAMT sub-shards are fetched one at a time as the listing reaches them.</summary>
    public async IAsyncEnumerable<UnixFsDirEntry> ListAsync(UnixFsNode dir, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (dir.Kind == UnixFsNodeKind.Directory)
        {
            foreach (var link in dir.Pb!.Links)
            {
                ct.ThrowIfCancellationRequested();
                if (string.IsNullOrEmpty(link.Name))
                    throw new InvalidUnixFsException($"directory {dir.Cid} has a link without a name");
                yield return new UnixFsDirEntry(link.Name, link.Hash, link.Tsize ?? 0);
            }
            yield break;
        }
        if (dir.Kind != UnixFsNodeKind.HamtDirectory) throw new UnixFsNotADirectoryException(dir.Cid, "");
        await foreach (var entry in HamtReader.ListAsync(this, dir, ct).ConfigureAwait(false))
            yield return entry;
    }

    /// <summary>A random-access reader over a file or raw node.</summary>
    public UnixFsFileReader OpenFile(UnixFsNode file, int readAheadLeaves = 4)
    {
        if (!file.IsFile)
            throw new ArgumentException($"{file.Cid} is a {file.Kind}, not a file", nameof(file));
        return new UnixFsFileReader(this, file, readAheadLeaves);
    }

    /// <summary>A read-only seekable stream over a file or raw node.</summary>
    public Stream OpenRead(UnixFsNode file, int readAheadLeaves = 4) => new UnixFsReadStream(OpenFile(file, readAheadLeaves));

    /// <summary>Resolves <paramref name="path"/> and opens it as a stream.</summary>
    public async Task<Stream> OpenReadAsync(Cid root, string path, CancellationToken ct = default) =>
        OpenRead(await ResolveAsync(root, path, ct).ConfigureAwait(false));

    internal async ValueTask<ReadOnlyMemory<byte>> GetBlockAsync(Cid cid, CancellationToken ct)
    {
        var block = await store.GetAsync(cid, ct).ConfigureAwait(false);
        if (verifyBlocks && Multihash.CanCompute(cid.Hash.Code)) BlockVerifier.Verify(cid, block.Span);
        return block;
    }

    /// <summary>Like GetBlockAsync, possibly in a pooled buffer: the caller disposes the lease once it has copied
    /// the bytes it needs.</summary>
    internal async ValueTask<BlockLease> RentBlockAsync(Cid cid, CancellationToken ct)
    {
        var lease = await store.RentAsync(cid, ct).ConfigureAwait(false);
        if (verifyBlocks && Multihash.CanCompute(cid.Hash.Code) && !BlockVerifier.IsValid(cid, lease.Data.Span))
        {
            lease.Dispose();
            throw new BlockCorruptException(cid);
        }
        return lease;
    }
}
