// One bad block found by `pin verify` or `repo verify`: its CID and what is wrong with it.
namespace IpfsMount.Storage;

using IpfsMount.Core;

public sealed record PinProblem(Cid Cid, string Error);
