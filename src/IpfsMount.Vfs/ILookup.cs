// Capability: a directory-like node that resolves a child by name.
namespace IpfsMount.Vfs;

public interface ILookup
{
    /// <summary>The child called <paramref name="name"/>, or null when there is none.</summary>
    ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct);
}
