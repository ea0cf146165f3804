// dag-cbor: the IPNS reference record data, canonical ordering, CID links and strict decoding.
namespace IpfsMount.Core.Tests;

public sealed class DagCborTests
{
    private static string IpnsField(string name) =>
        ReferenceVectors.Root.GetProperty("ipns").GetProperty("fields").GetProperty(name).GetString()!;

    [Fact]
    public void Decodes_the_reference_ipns_data_and_re_encodes_it_byte_identically()
    {
        var bytes = Convert.FromHexString(IpnsField("dataCborHex"));
        var value = DagCbor.Decode(bytes);
        Assert.Equal(["TTL", "Value", "Sequence", "Validity", "ValidityType"], value.AsMap().Select(e => e.Key).ToArray());
        Assert.Equal(3600000000000UL, value["TTL"].AsUInt64());
        Assert.Equal(1L, value["Sequence"].AsInt64());
        Assert.Equal(0L, value["ValidityType"].AsInt64());
        Assert.Equal(IpnsField("valueHex"), Convert.ToHexStringLower(value["Value"].AsBytes().Span));
        Assert.Equal("2026-01-02T00:00:00.000000000Z", System.Text.Encoding.ASCII.GetString(value["Validity"].AsBytes().Span));
        Assert.Equal(bytes, DagCbor.Encode(value));
    }

    [Fact]
    public void Building_the_ipns_data_in_any_key_order_gives_the_reference_bytes()
    {
        var value = CborValue.Map(
            new("Validity", CborValue.Bytes("2026-01-02T00:00:00.000000000Z"u8)),
            new("ValidityType", CborValue.Integer(0)),
            new("Value", CborValue.Bytes(Convert.FromHexString(IpnsField("valueHex")))),
            new("Sequence", CborValue.Integer(1)),
            new("TTL", CborValue.Unsigned(3600000000000)));
        Assert.Equal(IpnsField("dataCborHex"), Convert.ToHexStringLower(DagCbor.Encode(value)));
    }

    [Fact]
    public void Cid_links_use_tag_42_with_a_zero_prefix_byte()
    {
        var cid = Cid.Parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
        var bytes = DagCbor.Encode(CborValue.List(CborValue.Link(cid)));
        Assert.Equal("81d82a582300" + Convert.ToHexStringLower(cid.ToBytes()), Convert.ToHexStringLower(bytes));
        var links = new List<Cid>();
        DagCbor.CollectLinks(DagCbor.Decode(bytes), links);
        Assert.Equal([cid], links);
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(23L, "17")]
    [InlineData(24L, "1818")]
    [InlineData(256L, "190100")]
    [InlineData(65536L, "1a00010000")]
    [InlineData(4294967296L, "1b0000000100000000")]
    [InlineData(-1L, "20")]
    [InlineData(-25L, "3818")]
    [InlineData(long.MinValue, "3b7fffffffffffffff")]
    public void Integers_use_the_shortest_head(long v, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(DagCbor.Encode(CborValue.Integer(v))));
        Assert.Equal(v, DagCbor.Decode(Convert.FromHexString(hex)).AsInt64());
    }

    [Fact]
    public void Floats_are_always_64_bit()
    {
        Assert.Equal("fb3ff8000000000000", Convert.ToHexStringLower(DagCbor.Encode(CborValue.Float(1.5))));
        Assert.Equal(1.5, DagCbor.Decode(Convert.FromHexString("fb3ff8000000000000")).AsDouble());
    }

    [Theory]
    [InlineData("1817", "invalid dag-cbor: value 23 at offset 0 is not minimally encoded")]
    [InlineData("5f40ff", "invalid dag-cbor: indefinite length at offset 0 is not allowed")]
    [InlineData("a2616201616101", "invalid dag-cbor: map key 'a' at offset 4 is out of canonical order (shorter keys first, then bytewise)")]
    [InlineData("a2616101616101", "invalid dag-cbor: duplicate map key 'a' at offset 4")]
    [InlineData("a10101", "invalid dag-cbor: map key at offset 1 is not a text string")]
    [InlineData("f7", "invalid dag-cbor: undefined at offset 0 is not allowed")]
    [InlineData("f93c00", "invalid dag-cbor: float at offset 0 must be encoded in 64 bits")]
    [InlineData("fb7ff8000000000000", "invalid dag-cbor: float at offset 0 is NaN or infinite")]
    [InlineData("c100", "invalid dag-cbor: tag 1 at offset 0 is not allowed (only tag 42 for CIDs)")]
    [InlineData("d82a4100", "invalid dag-cbor: CID at offset 0: CID is empty")]
    [InlineData("d82a4101", "invalid dag-cbor: CID at offset 0 must start with the 0x00 multibase-identity prefix")]
    [InlineData("d82a00", "invalid dag-cbor: tag 42 at offset 0 must wrap a byte string")]
    [InlineData("6261", "invalid dag-cbor: text string at offset 1 needs 2 bytes but 1 remain")]
    [InlineData("61ff", "invalid dag-cbor: text at offset 1 is not valid UTF-8")]
    [InlineData("9a7fffffff", "invalid dag-cbor: list at offset 5 declares 2147483647 elements but only 0 bytes remain")]
    [InlineData("0000", "invalid dag-cbor: 1 trailing bytes after the value at offset 1")]
    [InlineData("", "invalid dag-cbor: data is truncated")]
    public void Rejects_non_canonical_or_malformed_input_with_a_precise_message(string hex, string message)
    {
        var e = Assert.Throws<InvalidBlockException>(() => DagCbor.Decode(Convert.FromHexString(hex)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var bytes = Enumerable.Repeat((byte)0x81, 100_000).Append((byte)0x00).ToArray();
        var e = Assert.Throws<InvalidBlockException>(() => DagCbor.Decode(bytes));
        Assert.Equal($"invalid dag-cbor: nesting is deeper than {DagCbor.MaxDepth}", e.Message);
    }

    [Fact]
    public void Map_keys_are_sorted_length_first()
    {
        var value = CborValue.Map(new("bb", CborValue.Null), new("a", CborValue.Null), new("c", CborValue.Null));
        Assert.Equal(["a", "c", "bb"], value.AsMap().Select(e => e.Key).ToArray());
        Assert.Throws<ArgumentException>(() => CborValue.Map(new("a", CborValue.Null), new("a", CborValue.True)));
    }
}
