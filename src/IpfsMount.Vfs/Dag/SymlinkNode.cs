// A UnixFS symlink: its target is stored in the node's data.
namespace IpfsMount.Vfs.Dag;

public sealed class SymlinkNode(IUnixFsSource source, DagInfo info) : DagNode(source, info), IReadLink
{
    public ValueTask<string> ReadLinkAsync(CancellationToken ct) => ValueTask.FromResult(Info.SymlinkTarget ?? "");
}
