// A block presence (Bitswap 1.2.0 Message.BlockPresence): the sender has, or does not have, a CID.
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public readonly record struct BitswapPresence(Cid Cid, BlockPresenceType Type);
