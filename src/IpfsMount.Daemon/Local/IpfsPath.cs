// Parses the content paths commands take: `<cid>`, `<cid>/a/b`, `/ipfs/<cid>/a/b` (Kubo's path syntax).
using IpfsMount.Core;

namespace IpfsMount.Daemon.Local;

public readonly record struct IpfsPath(Cid Root, string SubPath)
{
    public static IpfsPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("/ipfs/", StringComparison.Ordinal)) trimmed = trimmed["/ipfs/".Length..];
        else if (trimmed.StartsWith('/')) throw new InvalidCidException($"invalid path \"{text}\": only /ipfs/ paths are supported here");
        var slash = trimmed.IndexOf('/');
        var cidText = slash < 0 ? trimmed : trimmed[..slash];
        if (!Cid.TryParse(cidText, out var cid, out var error))
            throw new InvalidCidException($"invalid path \"{text}\": {error}");
        var rest = slash < 0 ? "" : trimmed[(slash + 1)..].Trim('/');
        return new IpfsPath(cid, rest);
    }

    /// <summary>Parses a bare CID (block commands), with a message that names the bad input.</summary>
    public static Cid ParseCid(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("/ipfs/", StringComparison.Ordinal)) t = t["/ipfs/".Length..];
        return Cid.TryParse(t, out var cid, out var error) ? cid : throw new InvalidCidException($"invalid CID \"{text}\": {error}");
    }
}
