// Capability: extended attributes (read-only), e.g. user.ipfs.cid.
namespace IpfsMount.Vfs;

public interface IXattrs
{
    IReadOnlyList<string> ListXattrs();

    /// <summary>The value of <paramref name="name"/>, or null when the node has no such attribute.</summary>
    ValueTask<byte[]?> GetXattrAsync(string name, CancellationToken ct);
}
