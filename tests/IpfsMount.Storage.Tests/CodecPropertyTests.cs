// FsCheck round-trip properties for the storage codecs: key protobufs, link scanners, block and pin records.
namespace IpfsMount.Storage.Tests;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsMount.Core;
using NSec.Cryptography;

public sealed class CodecPropertyTests
{
    private static Cid CidOf(byte[] data, bool v0) =>
        v0 ? Cid.Compute(data, Multicodec.DagPb, version: 0) : Cid.Compute(data, Multicodec.Raw);

    [Property(MaxTest = 50)]
    public void A_private_key_protobuf_decodes_to_its_seed(NonEmptyArray<byte> entropy)
    {
        var seed = System.Security.Cryptography.SHA256.HashData(entropy.Get);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var pub = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var encoded = Libp2pKeyProtobuf.EncodeEd25519PrivateKey(seed, pub);
        Assert.Equal(seed, Ed25519PrivateKeyProtobuf.DecodeSeed(encoded));
        Assert.Equal(pub, Libp2pKeyProtobuf.DecodeEd25519PublicKey(Libp2pKeyProtobuf.EncodeEd25519PublicKey(pub)));
    }

    [Property(MaxTest = 100)]
    public void Dag_pb_links_come_back_in_order(byte[][] contents, bool v0, byte[]? data)
    {
        var links = contents.Select(c => CidOf(c, v0)).ToList();
        var node = TestDag.EncodePb(links, data);
        Assert.Equal(links, DagLinks.Extract(Cid.Compute(node, Multicodec.DagPb), node));
    }

    [Property(MaxTest = 100)]
    public void Dag_cbor_links_come_back_in_order(NonEmptyArray<byte[]> contents)
    {
        var links = contents.Get.Take(23).Select(c => CidOf(c, v0: false)).ToList();
        var (cid, block) = TestDag.Cbor(links);
        Assert.Equal(links, DagLinks.Extract(cid, block));
    }

    [Property(MaxTest = 200)]
    public void Truncated_dag_pb_never_yields_wrong_links(byte[][] contents, PositiveInt cut)
    {
        var links = contents.Select(c => CidOf(c, false)).ToList();
        var node = TestDag.EncodePb(links, null);
        if (node.Length == 0)
        {
            return;
        }

        var truncated = node[..(cut.Get % node.Length)];
        try
        {
            var got = DagLinks.Extract(Cid.Compute(truncated, Multicodec.DagPb), truncated);
            Assert.Equal(links.Take(got.Count), got); // a clean cut between links is a valid shorter node
        }
        catch (InvalidBlockException)
        {
        }
    }

    [Property(MaxTest = 100)]
    public void Inline_block_records_round_trip_codec_and_bytes(byte[] data, ulong codec)
    {
        codec = (codec & Varint.MaxValue) % 4 == 0 ? 0 : codec & Varint.MaxValue; // codec 0 (tagged form) often
        var value = BlockRecord.EncodeInline(codec, data);
        Assert.True(BlockRecord.TryDecode(value, out var c, out var offset, out var pack));
        Assert.Null(pack);
        Assert.Equal(codec, c);
        Assert.Equal(data, value[offset..]);
    }

    [Property(MaxTest = 100)]
    public void Pack_block_records_round_trip_codec_and_location(ulong codec, uint pack, long offset, int length)
    {
        codec &= Varint.MaxValue;
        var location = new PackLocation(pack, Math.Abs(offset % (1L << 40)), Math.Abs(length % (1 << 30)));
        var value = BlockRecord.EncodePack(codec, location);
        Assert.True(BlockRecord.TryDecode(value, out var c, out _, out var decoded));
        Assert.Equal(codec, c);
        Assert.Equal(location, decoded);
        Assert.False(BlockRecord.TryDecode(value[..^1], out _, out _, out _)); // a cut record is malformed, not a block
    }

    [Fact]
    public void A_legacy_inline_record_reads_as_codec_and_bytes()
    {
        byte[] value = [0x70, 1, 2, 3]; // varint(dag-pb) ‖ bytes, as repos before pack files wrote every block
        Assert.True(BlockRecord.TryDecode(value, out var c, out var offset, out var pack));
        Assert.Equal(Multicodec.DagPb, c);
        Assert.Null(pack);
        Assert.Equal([1, 2, 3], value[offset..]);
    }

    [Property(MaxTest = 100)]
    public void Pin_records_round_trip(byte[] content, bool recursive, string? name)
    {
        name = name is null ? null : new string(name.Where(c => !char.IsSurrogate(c)).ToArray());
        var cid = CidOf(content, v0: recursive);
        var mode = recursive ? PinMode.Recursive : PinMode.Direct;
        var entry = PinRecord.Decode(PinRecord.Encode(cid, mode, name));
        Assert.Equal(new PinEntry(cid, mode, string.IsNullOrEmpty(name) ? null : name), entry);
    }
}
