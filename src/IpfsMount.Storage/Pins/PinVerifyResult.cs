// Result of `pin verify` for one stored pin: OK, or the blocks that are missing or corrupt under it.
namespace IpfsMount.Storage;

using IpfsMount.Core;

public sealed record PinVerifyResult(Cid Cid, PinMode Mode, IReadOnlyList<PinProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}
