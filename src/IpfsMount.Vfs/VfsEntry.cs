// The answer to a lookup: inode, attributes and how long the kernel may cache them.
namespace IpfsMount.Vfs;

public readonly record struct VfsEntry(ulong Inode, VfsAttributes Attributes, TimeSpan CacheTimeout);
