// The multibase encodings IpfsMount writes (https://github.com/multiformats/multibase); prefix char in comments.
namespace IpfsMount.Core;

public enum MultibaseEncoding
{
    /// <summary>'b' — RFC 4648 base32, lower case, no padding (CIDv1 default).</summary>
    Base32Lower,

    /// <summary>'k' — base36, lower case (IPNS names, libp2p-key CIDs).</summary>
    Base36Lower,

    /// <summary>'z' — base58 with the Bitcoin alphabet.</summary>
    Base58Btc,

    /// <summary>'u' — RFC 4648 base64 with the URL-safe alphabet, no padding.</summary>
    Base64Url,

    /// <summary>'f' — hexadecimal, lower case.</summary>
    Base16Lower,
}
