// dag-pb: reference blocks re-encode byte-identically; strict decoding rejects every non-canonical form.
using System.Text.Json;

namespace IpfsMount.Core.Tests;

public sealed class DagPbTests
{
    public static TheoryData<string, string> ReferenceBlocks()
    {
        var data = new TheoryData<string, string>();
        Collect(ReferenceVectors.Root, data, new HashSet<string>());
        return data;
    }

    private static void Collect(JsonElement e, TheoryData<string, string> into, HashSet<string> seen)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray()) Collect(item, into, seen);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var (blockKey, cidKey) in new[] { ("rootBlockHex", "rootCid"), ("rootBlockHex", "cid"), ("specBlockHex", "specBlockCid") })
        {
            if (e.TryGetProperty(blockKey, out var block) && e.TryGetProperty(cidKey, out var cid) && seen.Add(block.GetString()!))
                into.Add(cid.GetString()!, block.GetString()!);
        }
        foreach (var p in e.EnumerateObject()) Collect(p.Value, into, seen);
    }

    [Theory]
    [MemberData(nameof(ReferenceBlocks))]
    public void Reference_blocks_hash_to_their_cid_and_dag_pb_ones_re_encode_byte_identically(string cidText, string blockHex)
    {
        var cid = Cid.Parse(cidText);
        var block = Convert.FromHexString(blockHex);
        BlockVerifier.Verify(cid, block);
        if (cid.Codec != Multicodec.DagPb) return;
        var node = DagPb.Decode(block);
        Assert.Equal(block, DagPb.Encode(node));
        Assert.Equal(block.Length, DagPb.EncodedLength(node));
    }

    [Fact]
    public void The_reference_directory_block_has_its_sorted_named_links()
    {
        var dir = ReferenceVectors.Root.GetProperty("directories").GetProperty("kubo-v0");
        var node = DagPb.Decode(Convert.FromHexString(dir.GetProperty("rootBlockHex").GetString()!));
        Assert.Equal(new string?[] { "a.txt", "b", "d1", "e" }, node.Links.Select(l => l.Name).ToArray());
        Assert.Equal(dir.GetProperty("entries").GetProperty("root/a.txt").GetString(), node.Links[0].Hash.ToString());
        Assert.Equal(14UL, node.Links[0].Tsize);
        Assert.Equal("0801", Convert.ToHexStringLower(node.Data!.Value.Span));
    }

    [Fact]
    public void Empty_directory_encodes_to_the_kubo_block()
    {
        var block = DagPb.Encode(new PbNode([], new byte[] { 0x08, 0x01 }));
        Assert.Equal("0a020801", Convert.ToHexStringLower(block));
        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", Cid.Compute(block, Multicodec.DagPb, 0).ToString());
    }

    [Fact]
    public void Absent_and_empty_fields_are_distinguished()
    {
        var cid = Cid.Compute([1], Multicodec.Raw);
        var node = new PbNode([new PbLink(cid, null, null), new PbLink(cid, "", 0)], ReadOnlyMemory<byte>.Empty);
        var decoded = DagPb.Decode(DagPb.Encode(node));
        Assert.Null(decoded.Links[0].Name);
        Assert.Null(decoded.Links[0].Tsize);
        Assert.Equal("", decoded.Links[1].Name);
        Assert.Equal(0UL, decoded.Links[1].Tsize);
        Assert.Equal(0, decoded.Data!.Value.Length);
        Assert.Null(DagPb.Decode(DagPb.Encode(new PbNode())).Data);
        Assert.Empty(DagPb.Encode(new PbNode()));
    }

    [Fact]
    public void Links_are_written_in_the_given_order_before_data()
    {
        var a = Cid.Compute([1], Multicodec.Raw);
        var b = Cid.Compute([2], Multicodec.Raw);
        var node = DagPb.Decode(DagPb.Encode(new PbNode([new PbLink(b, "z", 1), new PbLink(a, "a", 2)], new byte[] { 9 })));
        Assert.Equal(new string?[] { "z", "a" }, node.Links.Select(l => l.Name).ToArray());
        Assert.Equal(0x12, DagPb.Encode(node)[0]);
    }

    private static readonly string Link = "0a2401551220" + new string('a', 64); // Hash field of a raw CIDv1

    [Theory]
    [InlineData("0a0101" + "12020a00", "invalid dag-pb: PBNode has Links after Data (Links must come first)")]
    [InlineData("0a0101" + "0a0101", "invalid dag-pb: PBNode has a duplicate Data field")]
    [InlineData("1a00", "invalid dag-pb: PBNode has unexpected field 3 with wire type 2; expected Data (1, bytes) or Links (2, bytes)")]
    [InlineData("0801", "invalid dag-pb: PBNode has unexpected field 1 with wire type 0; expected Data (1, bytes) or Links (2, bytes)")]
    [InlineData("0a05", "invalid dag-pb: PBNode Data is truncated: declares 5 bytes but 0 remain")]
    [InlineData("0a", "invalid protobuf: PBNode Data length varint is truncated")]
    [InlineData("0a8000", "invalid protobuf: PBNode Data length varint is not minimally encoded")]
    [InlineData("1200", "invalid dag-pb: PBLink 0 has no Hash field (it is required)")]
    [InlineData("12021800", "invalid dag-pb: PBLink 0 has no Hash field (it is required)")]
    [InlineData("12020a00", "invalid dag-pb: PBLink 0 Hash is not a valid CID: CID is empty")]
    [InlineData("1204120161" + "00", "invalid dag-pb: PBLink 0 has unexpected field 0 with wire type 0; expected Hash (1, bytes), Name (2, bytes) or Tsize (3, varint)")]
    [InlineData("8001", "invalid dag-pb: PBNode has unknown field 16 (wire type 0) at offset 0")]
    public void Rejects_malformed_blocks_with_a_precise_message(string hex, string message)
    {
        var e = Assert.Throws<InvalidBlockException>(() => DagPb.Decode(Convert.FromHexString(hex)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("1202{L}" , "duplicate Hash")]
    [InlineData("1203{L}", "Name after Tsize")]
    [InlineData("1204{L}", "Hash after Name")]
    [InlineData("1205{L}", "not valid UTF-8")]
    [InlineData("1206{L}", "unexpected field 2 with wire type 0")]
    public void Rejects_links_with_bad_field_order_duplicates_or_types(string shape, string expected)
    {
        byte[] link = Convert.FromHexString(Link);
        byte[] body = shape switch
        {
            "1202{L}" => [.. link, .. link],
            "1203{L}" => [.. link, 0x18, 0x01, 0x12, 0x00],
            "1204{L}" => [0x12, 0x01, 0x61, .. link],
            "1205{L}" => [.. link, 0x12, 0x01, 0xff],
            _ => [.. link, 0x10, 0x01],
        };
        byte[] block = [0x12, (byte)body.Length, .. body];
        var e = Assert.Throws<InvalidBlockException>(() => DagPb.Decode(block));
        Assert.Contains(expected, e.Message);
    }
}
