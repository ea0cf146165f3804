// One line of `pin ls`: the pinned CID, its kind, its optional name, and for indirect pins the recursive root above it.
namespace IpfsMount.Storage;

using IpfsMount.Core;

public sealed record PinEntry(Cid Cid, PinMode Mode, string? Name = null, Cid? Via = null)
{
    /// <summary>Kubo's wording: "recursive", "direct", "indirect through &lt;root&gt;".</summary>
    public string Describe() => Mode switch
    {
        PinMode.Recursive => "recursive",
        PinMode.Direct => "direct",
        _ => Via is { } via ? $"indirect through {via}" : "indirect",
    };
}
