// A symlink of the live MFS tree.
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public sealed class MfsTreeSymlinkNode(MfsTreeScope scope, MfsNodeRef node) : MfsTreeNode(scope), IReadLink
{
    public override MfsNodeRef Ref => node;

    public override object Identity => node;

    public ValueTask<string> ReadLinkAsync(CancellationToken ct) => ValueTask.FromResult(MfsTree.ReadLink(node));
}
