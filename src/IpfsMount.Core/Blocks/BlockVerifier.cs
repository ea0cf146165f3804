// Checks block bytes against the multihash of their CID; every block read from disk or network goes through it.
namespace IpfsMount.Core;

public static class BlockVerifier
{
    /// <summary>Throws <see cref="BlockCorruptException"/> when <paramref name="data"/> does not hash to <c>cid.Hash</c>.</summary>
    public static void Verify(Cid cid, ReadOnlySpan<byte> data)
    {
        if (!cid.Hash.Matches(data)) throw new BlockCorruptException(cid);
    }

    public static bool IsValid(Cid cid, ReadOnlySpan<byte> data) => cid.Hash.Matches(data);
}
