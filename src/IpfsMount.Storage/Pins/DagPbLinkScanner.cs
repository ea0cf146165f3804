// Reads only the link hashes of a dag-pb block (dag-pb spec: PBNode { repeated PBLink Links = 2; bytes Data = 1 },
// PBLink { bytes Hash = 1; string Name = 2; uint64 Tsize = 3 }), rejecting unknown fields and wire types.
namespace IpfsMount.Storage;

using IpfsMount.Core;

internal static class DagPbLinkScanner
{
    public static void Scan(ReadOnlySpan<byte> node, List<Cid> links)
    {
        var pos = 0;
        while (pos < node.Length)
        {
            var tag = ReadVarint(node, ref pos);
            var field = tag >> 3;
            if ((tag & 7) != 2 || field is not (1 or 2))
            {
                throw new InvalidBlockException($"dag-pb node has unexpected field {field} (wire type {tag & 7})");
            }

            var body = ReadBytes(node, ref pos);
            if (field == 2)
            {
                links.Add(ReadLinkHash(body));
            }
        }
    }

    private static Cid ReadLinkHash(ReadOnlySpan<byte> link)
    {
        var pos = 0;
        Cid? hash = null;
        while (pos < link.Length)
        {
            var tag = ReadVarint(link, ref pos);
            switch (tag)
            {
                case (1 << 3) | 2:
                    var bytes = ReadBytes(link, ref pos);
                    try
                    {
                        hash = Cid.FromBytes(bytes);
                    }
                    catch (InvalidCidException e)
                    {
                        throw new InvalidBlockException($"dag-pb link hash is not a CID: {e.Message}", e);
                    }

                    break;
                case (2 << 3) | 2:
                    ReadBytes(link, ref pos);
                    break;
                case (3 << 3) | 0:
                    ReadVarint(link, ref pos);
                    break;
                default:
                    throw new InvalidBlockException($"dag-pb link has unexpected field {tag >> 3} (wire type {tag & 7})");
            }
        }

        return hash ?? throw new InvalidBlockException("dag-pb link has no Hash");
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> src, ref int pos)
    {
        var length = ReadVarint(src, ref pos);
        if (length > (ulong)(src.Length - pos))
        {
            throw new InvalidBlockException("dag-pb field length runs past the end of the block");
        }

        var bytes = src.Slice(pos, (int)length);
        pos += (int)length;
        return bytes;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> src, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= src.Length)
            {
                throw new InvalidBlockException("dag-pb block is truncated inside a varint");
            }

            var b = src[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidBlockException("dag-pb block has an over-long varint");
    }
}
