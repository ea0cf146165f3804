// Capability: a node whose permission bits, modification time or (file) size can be changed.
namespace IpfsMount.Vfs;

public interface ISetAttributes
{
    ValueTask SetAttributesAsync(VfsAttributeChanges changes, CancellationToken ct);
}
