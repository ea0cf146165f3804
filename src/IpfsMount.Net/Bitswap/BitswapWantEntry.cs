// One wantlist entry (Bitswap Message.Wantlist.Entry): CID, priority, cancel flag, want type, send-dont-have.
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public readonly record struct BitswapWantEntry(Cid Cid, int Priority, bool Cancel, WantType WantType, bool SendDontHave)
{
    public static BitswapWantEntry Want(Cid cid, WantType type, int priority = 1, bool sendDontHave = true) =>
        new(cid, priority, false, type, sendDontHave);

    public static BitswapWantEntry CancelOf(Cid cid) => new(cid, 0, true, WantType.Block, false);
}
