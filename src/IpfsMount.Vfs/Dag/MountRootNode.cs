// The mount's root directory: ipfs/, ipns/, mfs/, mfs@/, plus statistics as xattrs (user.ipfsmount.*).
using System.Globalization;
using System.Text;

namespace IpfsMount.Vfs.Dag;

public sealed class MountRootNode : VfsNode, ILookup, IDirectoryLister, IXattrs
{
    public const string BlocksReadAttribute = "user.ipfsmount.blocks_read";
    private readonly Dictionary<string, VfsNode> children;
    private readonly Func<long>? blocksRead;

    /// <param name="mfs">the /mfs directory: the live tree (Writable.MfsTreeRootNode) or a read-only view (MfsRootNode).</param>
    /// <param name="blocksRead">the number of blocks read so far (e.g. a <see cref="Blocks.CountingBlockStore"/>).</param>
    public MountRootNode(IpfsRootNode ipfs, IpnsRootNode ipns, VfsNode mfs, Func<long>? blocksRead = null)
    {
        children = new Dictionary<string, VfsNode>(StringComparer.Ordinal) { ["ipfs"] = ipfs, ["ipns"] = ipns, ["mfs"] = mfs };
        this.blocksRead = blocksRead;
    }

    /// <summary>Adds <c>mfs@</c>, the read-only versions of the MFS; call before the file system is served.</summary>
    public MountRootNode WithMfsVersions(MfsVersionsNode versions)
    {
        children[MfsVersionsNode.Name] = versions;
        return this;
    }

    public override bool IsImmutable => false;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(VfsAttributes.Directory());

    public ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult(children.GetValueOrDefault(name));

    public IAsyncEnumerable<VfsDirEntry> ListAsync(CancellationToken ct) =>
        children.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new VfsDirEntry(c.Key, c.Value)).ToAsyncEnumerable();

    public IReadOnlyList<string> ListXattrs() => blocksRead is null ? [] : [BlocksReadAttribute];

    public ValueTask<byte[]?> GetXattrAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult(name == BlocksReadAttribute && blocksRead is not null
            ? Encoding.UTF8.GetBytes(blocksRead().ToString(CultureInfo.InvariantCulture))
            : null);
}
