// Extracts the child CIDs of a block by codec, for pinning and GC: dag-pb (PBNode.Links[].Hash, via Core's DagPb), dag-cbor (tag 42),
// dag-json ({"/": "<cid>"}); raw, identity, libp2p-key and unknown codecs have no links.
namespace IpfsMount.Storage;

using System.Text.Json;
using IpfsMount.Core;

public static class DagLinks
{
    /// <summary>True for codecs whose links we can read; a pin of any other codec covers the block only.</summary>
    public static bool CanTraverse(ulong codec) => codec is Multicodec.DagPb or Multicodec.DagCbor or Multicodec.DagJson;

    /// <summary>The block's links in stored order. Throws InvalidBlockException for malformed bytes.</summary>
    public static List<Cid> Extract(Cid cid, ReadOnlyMemory<byte> block)
    {
        var links = new List<Cid>();
        switch (cid.Codec)
        {
            case Multicodec.DagPb:
                foreach (var link in DagPb.Decode(block).Links)
                {
                    links.Add(link.Hash);
                }

                break;
            case Multicodec.DagCbor:
                DagCborLinkScanner.Scan(block.Span, links);
                break;
            case Multicodec.DagJson:
                ScanJson(block.Span, links);
                break;
        }

        return links;
    }

    private static void ScanJson(ReadOnlySpan<byte> block, List<Cid> links)
    {
        try
        {
            var reader = new Utf8JsonReader(block, new JsonReaderOptions { MaxDepth = 512 });
            using var doc = JsonDocument.ParseValue(ref reader);
            CollectJson(doc.RootElement, links);
        }
        catch (JsonException e)
        {
            throw new InvalidBlockException($"dag-json block is not valid JSON: {e.Message}", e);
        }
    }

    private static void CollectJson(JsonElement e, List<Cid> links)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var props = e.EnumerateObject().ToList();
                if (props.Count == 1 && props[0].Name == "/" && props[0].Value.ValueKind == JsonValueKind.String)
                {
                    var text = props[0].Value.GetString()!;
                    if (!Cid.TryParse(text, out var link, out var error))
                    {
                        throw new InvalidBlockException($"dag-json link {{\"/\": \"{text}\"}} is not a CID: {error}");
                    }

                    links.Add(link);
                    return;
                }

                foreach (var p in props)
                {
                    CollectJson(p.Value, links);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    CollectJson(item, links);
                }

                break;
        }
    }
}
