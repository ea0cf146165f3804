// Which versions `history prune` drops: all but the newest Keep, and/or those committed before Before.
// The newest version is never pruned (it is the current root).
namespace IpfsMount.Mfs;

public sealed record MfsPruneRule(int? Keep, DateTimeOffset? Before)
{
    public void Validate()
    {
        if (Keep is null && Before is null)
            throw new MfsException(MfsErrorKind.InvalidArgument, "history prune needs --keep N or --before DATE");
        if (Keep is < 1)
            throw new MfsException(MfsErrorKind.InvalidArgument, "--keep must be at least 1 (the current version is always kept)");
    }

    /// <summary>Whether version <paramref name="v"/> goes, given the newest version number.</summary>
    public bool Drops(MfsVersion v, long newest) =>
        v.Number != newest && ((Keep is { } k && v.Number <= newest - k) || (Before is { } b && v.Time < b));
}
