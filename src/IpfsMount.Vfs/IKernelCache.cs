// What an adapter's kernel cache offers the VFS: dropping a cached name or an inode's attributes and data
// (FUSE: fuse_lowlevel_notify_inval_entry / _inode). Never called from inside a request callback.
namespace IpfsMount.Vfs;

public interface IKernelCache
{
    /// <summary>Drops the kernel's cached entry <paramref name="name"/> in directory <paramref name="parent"/>; 0 or a negative errno.</summary>
    int InvalidateEntry(ulong parent, string name);

    /// <summary>Drops the kernel's cached attributes and data of <paramref name="inode"/>; 0 or a negative errno.</summary>
    int InvalidateInode(ulong inode);
}
