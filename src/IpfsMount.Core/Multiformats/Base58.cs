// base58btc (Bitcoin alphabet) without a multibase prefix, as in CIDv0 strings and peer IDs.
namespace IpfsMount.Core;

public static class Base58
{
    public static string Encode(ReadOnlySpan<byte> data) => BaseX.Base58Btc.Encode(data);

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BaseX.Base58Btc.Decode(text);
    }
}
