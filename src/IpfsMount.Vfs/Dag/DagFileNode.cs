// A UnixFS file (or raw block) opened for random-access reads through the source's reader.
namespace IpfsMount.Vfs.Dag;

public sealed class DagFileNode(IUnixFsSource source, DagInfo info) : DagNode(source, info), IReadableFile
{
    public ValueTask<IFileReader> OpenReadAsync(CancellationToken ct) => Source.OpenAsync(Info, ct);
}
