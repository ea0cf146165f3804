// Capability: a directory that moves one of its entries, atomically, to a directory of the same tree.
namespace IpfsMount.Vfs;

public interface IRename
{
    /// <param name="noReplace">fail with AlreadyExists instead of replacing an existing target (RENAME_NOREPLACE).</param>
    ValueTask RenameAsync(string name, VfsNode newParent, string newName, bool noReplace, CancellationToken ct);
}
