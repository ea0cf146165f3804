// The answer to a lookup: inode, attributes and how long the kernel may cache the name and the attributes.
namespace IpfsMount.Vfs;

/// <param name="EntryTimeout">how long the name→inode binding may be cached (policy of the parent).</param>
/// <param name="AttrTimeout">how long the attributes may be cached (policy of the node itself).</param>
public readonly record struct VfsEntry(ulong Inode, VfsAttributes Attributes, TimeSpan EntryTimeout, TimeSpan AttrTimeout);
