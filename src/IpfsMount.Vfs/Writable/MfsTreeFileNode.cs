// A regular file of the live MFS tree: opened for reading or writing (O_TRUNC, O_APPEND) through MfsFileHandle.
using IpfsMount.Mfs;

namespace IpfsMount.Vfs.Writable;

public sealed class MfsTreeFileNode(MfsTreeScope scope, MfsNodeRef node) : MfsTreeNode(scope), IReadableFile, IWritableFile
{
    public override MfsNodeRef Ref => node;

    public override object Identity => node;

    public async ValueTask<IFileReader> OpenReadAsync(CancellationToken ct) =>
        new MfsTreeFileHandle(Scope, node, await Scope.Tree.OpenAsync(node, MfsOpenFlags.Read, ct).ConfigureAwait(false));

    public async ValueTask<IFileWriter> OpenWriteAsync(VfsOpenFlags flags, CancellationToken ct) =>
        new MfsTreeFileHandle(Scope, node, await Scope.Tree.OpenAsync(node, ToMfs(flags), ct).ConfigureAwait(false));

    internal static MfsOpenFlags ToMfs(VfsOpenFlags flags)
    {
        MfsOpenFlags result = 0;
        if (flags.HasFlag(VfsOpenFlags.Read)) result |= MfsOpenFlags.Read;
        if (flags.HasFlag(VfsOpenFlags.Write)) result |= MfsOpenFlags.Write;
        if (flags.HasFlag(VfsOpenFlags.Truncate)) result |= MfsOpenFlags.Truncate;
        if (flags.HasFlag(VfsOpenFlags.Append)) result |= MfsOpenFlags.Append;
        if (flags.HasFlag(VfsOpenFlags.Create)) result |= MfsOpenFlags.Create;
        if (flags.HasFlag(VfsOpenFlags.Exclusive)) result |= MfsOpenFlags.Exclusive;
        return result;
    }
}
