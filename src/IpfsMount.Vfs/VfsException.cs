// The domain exception of the VFS: a VfsError plus a message that names the path or CID involved.
namespace IpfsMount.Vfs;

public sealed class VfsException(VfsError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public VfsError Error { get; } = error;
}
