// Base of the nodes backed by an immutable UnixFS DAG node: identity is the CID, xattr user.ipfs.cid.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Vfs.Dag;

public abstract class DagNode(IUnixFsSource source, DagInfo info) : VfsNode, IXattrs
{
    public const string CidAttribute = "user.ipfs.cid";
    private const int ChunkSize = 256 * 1024;

    public IUnixFsSource Source { get; } = source;
    public DagInfo Info { get; } = info;
    public Cid Cid => Info.Cid;
    public override bool IsImmutable => true;
    public override object Identity => Info.Cid;

    /// <summary>The node type for <paramref name="info"/>'s kind.</summary>
    public static DagNode For(IUnixFsSource source, DagInfo info) => info.Kind switch
    {
        VfsNodeKind.Directory => new DagDirectoryNode(source, info),
        VfsNodeKind.Symlink => new SymlinkNode(source, info),
        _ => new DagFileNode(source, info),
    };

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct)
    {
        // UnixFS spec defaults when no mode is stored: 0755 directories, 0644 files; symlinks show 0777 as on Linux.
        var defaultMode = Info.Kind switch
        {
            VfsNodeKind.Directory => 0b111_101_101u,
            VfsNodeKind.Symlink => 0b111_111_111u,
            _ => 0b110_100_100u,
        };
        return ValueTask.FromResult(new VfsAttributes(
            Info.Kind, Info.Size, (Info.Mode ?? defaultMode) & 0xFFF, Info.Mtime ?? DateTimeOffset.UnixEpoch, ChunkSize));
    }

    public IReadOnlyList<string> ListXattrs() => [CidAttribute];

    public ValueTask<byte[]?> GetXattrAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult(name == CidAttribute ? Encoding.UTF8.GetBytes(Info.Cid.ToString()) : null);
}
