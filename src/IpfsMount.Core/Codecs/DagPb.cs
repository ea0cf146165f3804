// dag-pb codec (https://ipld.io/specs/codecs/dag-pb/spec/): protobuf PBNode { Links = 2 (repeated), Data = 1 },
// PBLink { Hash = 1, Name = 2, Tsize = 3 }; links are written before data, decoding is strict so that
// Encode(Decode(x)) == x for every accepted block.
using System.Text;

namespace IpfsMount.Core;

public static class DagPb
{
    private const byte KeyData = (1 << 3) | 2;
    private const byte KeyLinks = (2 << 3) | 2;
    private const byte KeyHash = (1 << 3) | 2;
    private const byte KeyName = (2 << 3) | 2;
    private const byte KeyTsize = (3 << 3) | 0;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int EncodedLength(PbNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        long total = 0;
        var links = node.Links;
        for (int i = 0; i < links.Count; i++)
        {
            int linkLength = LinkLength(links[i]);
            total += 1 + ProtoVarint.Size((ulong)linkLength) + linkLength;
        }
        if (node.Data is { } data) total += 1 + ProtoVarint.Size((ulong)data.Length) + data.Length;
        if (total > int.MaxValue) throw new ArgumentException("dag-pb node is larger than 2 GiB", nameof(node));
        return (int)total;
    }

    public static byte[] Encode(PbNode node)
    {
        var result = new byte[EncodedLength(node)];
        int n = WriteTo(node, result);
        System.Diagnostics.Debug.Assert(n == result.Length);
        return result;
    }

    /// <summary>Writes the block into <paramref name="dest"/> (at least <see cref="EncodedLength"/> bytes); returns bytes written.</summary>
    public static int WriteTo(PbNode node, Span<byte> dest)
    {
        int need = EncodedLength(node);
        if (dest.Length < need) throw new ArgumentException($"destination needs {need} bytes, has {dest.Length}", nameof(dest));
        int o = 0;
        var links = node.Links;
        for (int i = 0; i < links.Count; i++)
        {
            var link = links[i];
            dest[o++] = KeyLinks;
            o += ProtoVarint.Write(dest[o..], (ulong)LinkLength(link));
            o += WriteLink(link, dest[o..]);
        }
        if (node.Data is { } data)
        {
            dest[o++] = KeyData;
            o += ProtoVarint.Write(dest[o..], (ulong)data.Length);
            data.Span.CopyTo(dest[o..]);
            o += data.Length;
        }
        return o;
    }

    /// <summary>Strictly decodes a dag-pb block; <see cref="PbNode.Data"/> aliases <paramref name="block"/>.</summary>
    public static PbNode Decode(ReadOnlyMemory<byte> block)
    {
        var span = block.Span;
        var links = new List<PbLink>();
        ReadOnlyMemory<byte>? data = null;
        int pos = 0;
        while (pos < span.Length)
        {
            byte key = ReadKey(span, ref pos, "PBNode");
            if (key == KeyLinks)
            {
                if (data != null) throw Error("PBNode has Links after Data (Links must come first)");
                var body = ReadBytes(span, ref pos, "PBNode Links");
                links.Add(DecodeLink(span.Slice(body.Start, body.Length), links.Count));
            }
            else if (key == KeyData)
            {
                if (data != null) throw Error("PBNode has a duplicate Data field");
                var body = ReadBytes(span, ref pos, "PBNode Data");
                data = block.Slice(body.Start, body.Length);
            }
            else
            {
                throw UnexpectedKey(key, "PBNode", "Data (1, bytes) or Links (2, bytes)");
            }
        }
        return new PbNode(links, data);
    }

    private static PbLink DecodeLink(ReadOnlySpan<byte> span, int index)
    {
        string where = $"PBLink {index}";
        Cid? hash = null;
        string? name = null;
        ulong? tsize = null;
        int lastField = 0;
        int pos = 0;
        while (pos < span.Length)
        {
            byte key = ReadKey(span, ref pos, where);
            int field = key >> 3;
            if (key != KeyHash && key != KeyName && key != KeyTsize)
                throw UnexpectedKey(key, where, "Hash (1, bytes), Name (2, bytes) or Tsize (3, varint)");
            if (field == lastField) throw Error($"{where} has a duplicate {FieldName(field)} field");
            if (field < lastField) throw Error($"{where} has {FieldName(field)} after {FieldName(lastField)} (fields must be in order Hash, Name, Tsize)");
            lastField = field;
            switch (key)
            {
                case KeyHash:
                    var h = ReadBytes(span, ref pos, where + " Hash");
                    try
                    {
                        hash = Cid.FromBytes(span.Slice(h.Start, h.Length));
                    }
                    catch (IpfsFormatException e)
                    {
                        throw new InvalidBlockException($"invalid dag-pb: {where} Hash is not a valid CID: {e.Message}", e);
                    }
                    break;
                case KeyName:
                    var n = ReadBytes(span, ref pos, where + " Name");
                    try
                    {
                        name = StrictUtf8.GetString(span.Slice(n.Start, n.Length));
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new InvalidBlockException($"invalid dag-pb: {where} Name is not valid UTF-8", e);
                    }
                    break;
                default:
                    tsize = ProtoVarint.Read(span, ref pos, where + " Tsize");
                    break;
            }
        }
        if (hash == null) throw Error($"{where} has no Hash field (it is required)");
        return new PbLink(hash.Value, name, tsize);
    }

    private static int LinkLength(PbLink link)
    {
        if (link.Hash.IsDefault) throw new ArgumentException("a dag-pb link needs a CID", nameof(link));
        int hashLength = link.Hash.EncodedLength;
        int total = 1 + ProtoVarint.Size((ulong)hashLength) + hashLength;
        if (link.Name != null)
        {
            int nameLength = StrictUtf8.GetByteCount(link.Name);
            total += 1 + ProtoVarint.Size((ulong)nameLength) + nameLength;
        }
        if (link.Tsize is { } tsize) total += 1 + ProtoVarint.Size(tsize);
        return total;
    }

    private static int WriteLink(PbLink link, Span<byte> dest)
    {
        int o = 0;
        dest[o++] = KeyHash;
        o += ProtoVarint.Write(dest[o..], (ulong)link.Hash.EncodedLength);
        o += link.Hash.WriteTo(dest[o..]);
        if (link.Name != null)
        {
            dest[o++] = KeyName;
            o += ProtoVarint.Write(dest[o..], (ulong)StrictUtf8.GetByteCount(link.Name));
            o += StrictUtf8.GetBytes(link.Name, dest[o..]);
        }
        if (link.Tsize is { } tsize)
        {
            dest[o++] = KeyTsize;
            o += ProtoVarint.Write(dest[o..], tsize);
        }
        return o;
    }

    private static byte ReadKey(ReadOnlySpan<byte> span, ref int pos, string where)
    {
        int start = pos;
        ulong key = ProtoVarint.Read(span, ref pos, where + " field key");
        if (key > 0x7F) throw Error($"{where} has unknown field {key >> 3} (wire type {key & 7}) at offset {start}");
        return (byte)key;
    }

    private static (int Start, int Length) ReadBytes(ReadOnlySpan<byte> span, ref int pos, string where)
    {
        ulong length = ProtoVarint.Read(span, ref pos, where + " length");
        if (length > (ulong)(span.Length - pos))
            throw Error($"{where} is truncated: declares {length} bytes but {span.Length - pos} remain");
        int start = pos;
        pos += (int)length;
        return (start, (int)length);
    }

    private static InvalidBlockException UnexpectedKey(byte key, string where, string expected) =>
        Error($"{where} has unexpected field {key >> 3} with wire type {key & 7}; expected {expected}");

    private static string FieldName(int field) => field switch { 1 => "Hash", 2 => "Name", _ => "Tsize" };

    private static InvalidBlockException Error(string message) => new("invalid dag-pb: " + message);
}
