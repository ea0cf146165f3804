// One entry of a directory listing: the child's name and node (attributes resolved on demand).
namespace IpfsMount.Vfs;

public sealed record VfsDirEntry(string Name, VfsNode Node);
