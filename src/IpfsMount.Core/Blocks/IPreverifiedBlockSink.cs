// Optional capability of a block store that hash-checks blocks on Put: taking a block whose bytes the caller has
// just hashed and matched to its CID (Bitswap's receive path) without hashing them a second time.
namespace IpfsMount.Core;

public interface IPreverifiedBlockSink
{
    /// <summary>Stores a block the caller has verified against <c>cid.Hash</c> itself; idempotent.</summary>
    ValueTask PutVerifiedAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default);
}
