// `repo verify`: how many blocks were re-hashed and which ones are corrupt (bytes do not match the key's multihash).
namespace IpfsMount.Storage;

public sealed record RepoVerifyReport(long BlocksChecked, IReadOnlyList<PinProblem> Corrupt)
{
    public bool Ok => Corrupt.Count == 0;
}
