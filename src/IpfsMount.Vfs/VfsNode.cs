// Base of every node in the tree (go-fuse's Inode embedder): attributes plus opt-in capability interfaces.
namespace IpfsMount.Vfs;

/// <summary>
/// A node of the virtual tree. A node implements only the capabilities it supports
/// (<see cref="ILookup"/>, <see cref="IDirectoryLister"/>, <see cref="IReadableFile"/>, <see cref="IReadLink"/>,
/// <see cref="IXattrs"/>); the file system answers "not supported" for the rest.
/// </summary>
public abstract class VfsNode
{
    /// <summary>Content that never changes (/ipfs): long cache lifetimes and keep-cache are safe.</summary>
    public abstract bool IsImmutable { get; }

    /// <summary>
    /// Nodes with equal identity share one inode (e.g. the same CID reached by two paths);
    /// the default is the node object itself.
    /// </summary>
    public virtual object Identity => this;

    public abstract ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct);
}
