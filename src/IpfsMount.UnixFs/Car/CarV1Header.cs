// The CARv1 header (https://ipld.io/specs/transport/car/carv1/#header): varint length, then dag-cbor
// {"roots": [CID…], "version": 1}.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

internal static class CarV1Header
{
    public static byte[] Encode(IReadOnlyList<Cid> roots, int version = 1)
    {
        var links = new CborValue[roots.Count];
        for (int i = 0; i < links.Length; i++) links[i] = CborValue.Link(roots[i]);
        return DagCbor.Encode(CborValue.Map(
            new("roots", CborValue.List(links)),
            new("version", CborValue.Integer(version))));
    }

    /// <summary>Decodes a header; returns its version, and the roots for version 1.</summary>
    public static (int Version, IReadOnlyList<Cid> Roots) Decode(ReadOnlyMemory<byte> bytes)
    {
        CborValue header;
        try
        {
            header = DagCbor.Decode(bytes);
        }
        catch (InvalidBlockException e)
        {
            throw new InvalidCarException("CAR header is not valid dag-cbor: " + e.Message, e);
        }
        if (header.Kind != CborKind.Map) throw new InvalidCarException($"CAR header must be a map, not a {header.Kind}");
        if (!header.TryGet("version", out var versionValue) || versionValue.Kind != CborKind.Integer || versionValue.IsNegative)
            throw new InvalidCarException("CAR header has no integer 'version'");
        ulong version = versionValue.AsUInt64();
        if (version == 2)
        {
            if (header.Count != 1) throw new InvalidCarException("CARv2 pragma must be exactly {\"version\": 2}");
            return (2, []);
        }
        if (version != 1) throw new InvalidCarException($"unsupported CAR version {version} (supported: 1, 2)");
        if (!header.TryGet("roots", out var rootsValue) || rootsValue.Kind != CborKind.List)
            throw new InvalidCarException("CARv1 header has no 'roots' list");
        var items = rootsValue.AsList();
        var roots = new Cid[items.Count];
        for (int i = 0; i < roots.Length; i++)
        {
            if (items[i].Kind != CborKind.Link) throw new InvalidCarException($"CARv1 header root {i} is a {items[i].Kind}, not a CID");
            roots[i] = items[i].AsLink();
        }
        return (1, roots);
    }
}
