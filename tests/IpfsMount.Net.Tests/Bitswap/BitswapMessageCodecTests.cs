// Tests of the Bitswap protobuf codec and framing (bitswap-protocol.md wire formats 1.0.0 / 1.1.0 / 1.2.0).
using FsCheck.Xunit;
using IpfsMount.Core;
using IpfsMount.Net.Bitswap;

namespace IpfsMount.Net.Tests.Bitswap;

public sealed class BitswapMessageCodecTests
{
    private static readonly Cid Hello = Cid.Compute("hello\n"u8, Multicodec.DagPb, version: 0);

    [Property(MaxTest = 200)]
    public bool Every_message_round_trips_through_the_1_2_0_encoding(int[] priorities, bool[] flags, byte[][] blocks, int pending, bool full)
    {
        var m = new BitswapMessage { Full = full, PendingBytes = pending };
        for (var i = 0; i < priorities.Length; i++)
        {
            var f = flags.Length == 0 ? false : flags[i % flags.Length];
            var cid = Cid.Compute(BitConverter.GetBytes(i), i % 2 == 0 ? Multicodec.Raw : Multicodec.DagCbor);
            m.Wantlist.Add(new BitswapWantEntry(cid, priorities[i], f && i % 3 == 0, f ? WantType.Have : WantType.Block, !f));
            m.Presences.Add(new BitswapPresence(cid, f ? BlockPresenceType.DontHave : BlockPresenceType.Have));
        }
        foreach (var b in blocks)
            m.Blocks.Add(new BitswapBlock(CidPrefix.Of(Cid.Compute(b, Multicodec.Raw)), b));

        var decoded = BitswapMessageCodec.Decode(BitswapMessageCodec.Encode(m, BitswapVersion.V120));

        return decoded.Full == m.Full && decoded.PendingBytes == m.PendingBytes
            && decoded.Wantlist.SequenceEqual(m.Wantlist)
            && decoded.Presences.SequenceEqual(m.Presences)
            && decoded.Blocks.Count == m.Blocks.Count
            && decoded.Blocks.Zip(m.Blocks).All(p => p.First.Prefix.Span.SequenceEqual(p.Second.Prefix.Span) && p.First.Data.Span.SequenceEqual(p.Second.Data.Span));
    }

    [Fact]
    public void A_want_have_entry_encodes_to_the_protobuf_bytes_written_out_by_hand()
    {
        var m = new BitswapMessage();
        m.Wantlist.Add(BitswapWantEntry.Want(Hello, WantType.Have, priority: 1, sendDontHave: true));

        var bytes = BitswapMessageCodec.Encode(m, BitswapVersion.V120);

        // Message.wantlist (field 1, LEN 44) { entries (field 1, LEN 42) { block (1, LEN 34) <cid>, priority (2) 1, wantType (4) 1, sendDontHave (5) 1 } }
        var expected = Convert.FromHexString("0a2c0a2a" + "0a22" + Convert.ToHexString(Hello.ToBytes()) + "1001" + "2001" + "2801");
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
    }

    [Fact]
    public void A_negative_priority_survives_its_ten_byte_varint()
    {
        var m = new BitswapMessage();
        m.Wantlist.Add(BitswapWantEntry.Want(Hello, WantType.Block, priority: -5));
        var decoded = BitswapMessageCodec.Decode(BitswapMessageCodec.Encode(m, BitswapVersion.V120));
        Assert.Equal(-5, decoded.Wantlist[0].Priority);
    }

    [Fact]
    public void Version_1_0_0_sends_blocks_without_prefix_and_the_reader_assumes_cid_v0()
    {
        var data = "hello\n"u8.ToArray();
        var m = new BitswapMessage();
        m.Blocks.Add(new BitswapBlock(CidPrefix.Of(Hello), data));
        m.Presences.Add(new BitswapPresence(Hello, BlockPresenceType.Have));
        m.Wantlist.Add(BitswapWantEntry.Want(Hello, WantType.Have));

        var bytes = BitswapMessageCodec.Encode(m, BitswapVersion.V100);
        Assert.Equal(0x12, bytes[0]); // field 2 (blocks), wire type LEN: no wantlist, no presences in 1.0.0
        var decoded = BitswapMessageCodec.Decode(bytes);

        Assert.Empty(decoded.Wantlist);
        Assert.Empty(decoded.Presences);
        var block = Assert.Single(decoded.Blocks);
        Assert.True(CidPrefix.TryComputeCid(block.Prefix.Span, block.Data.Span, out var cid));
        Assert.Equal(Hello, cid);
    }

    [Fact]
    public void Version_1_1_0_keeps_block_wants_and_payload_but_drops_have_wants_and_presences()
    {
        var raw = Cid.Compute("x"u8, Multicodec.Raw);
        var m = new BitswapMessage();
        m.Wantlist.Add(BitswapWantEntry.Want(raw, WantType.Block));
        m.Wantlist.Add(BitswapWantEntry.Want(Hello, WantType.Have));
        m.Blocks.Add(new BitswapBlock(CidPrefix.Of(raw), "x"u8.ToArray()));
        m.Presences.Add(new BitswapPresence(raw, BlockPresenceType.DontHave));

        var decoded = BitswapMessageCodec.Decode(BitswapMessageCodec.Encode(m, BitswapVersion.V110));

        var want = Assert.Single(decoded.Wantlist);
        Assert.Equal(raw, want.Cid);
        Assert.False(want.SendDontHave);
        Assert.Empty(decoded.Presences);
        Assert.Single(decoded.Blocks);
    }

    [Fact]
    public void The_v0_prefix_is_version_0_dag_pb_sha2_256_32_bytes()
    {
        Assert.Equal("00701220", Convert.ToHexString(CidPrefix.Of(Hello).Span));
        Assert.Equal("01551220", Convert.ToHexString(CidPrefix.Of(Cid.Compute("x"u8, Multicodec.Raw)).Span));
    }

    [Fact]
    public void A_prefix_with_trailing_bytes_or_an_unknown_hash_yields_no_cid()
    {
        Assert.False(CidPrefix.TryComputeCid(Convert.FromHexString("0155122000"), "x"u8, out _));
        Assert.False(CidPrefix.TryComputeCid(Convert.FromHexString("01551320"), "x"u8, out _)); // sha2-512 not computed here
        Assert.False(CidPrefix.TryComputeCid(Convert.FromHexString("01551210"), "x"u8, out _)); // truncated digest
        Assert.False(CidPrefix.TryComputeCid(Convert.FromHexString("00551220"), "x"u8, out _)); // v0 must be dag-pb
    }

    [Fact]
    public void A_block_over_the_size_limit_is_rejected()
    {
        var big = new byte[BitswapOptions.Default.MaxBlockSize + 1];
        var m = new BitswapMessage();
        m.Blocks.Add(new BitswapBlock(CidPrefix.Of(Cid.Compute(big, Multicodec.Raw)), big));
        var bytes = BitswapMessageCodec.Encode(m, BitswapVersion.V120);
        var e = Assert.Throws<InvalidBitswapMessageException>(() => BitswapMessageCodec.Decode(bytes));
        Assert.Contains("exceeds", e.Message);
    }

    [Theory]
    [InlineData("0a05", "runs past the end")]                 // wantlist LEN 5 with no bytes
    [InlineData("0a020a00", "no CID")]                         // entry without block
    [InlineData("0a040a020a00", "invalid CID")]                // entry with empty block
    [InlineData("1a00", "no CID prefix")]                     // payload without prefix
    [InlineData("28ffffffffffffffffffff01", "varint")]        // pendingBytes varint over 64 bits
    [InlineData("0b", "wire type 3")]                          // groups are not supported
    [InlineData("0801", "wire type 0, expected 2")]            // wantlist as varint
    public void Malformed_messages_are_rejected_with_a_clear_error(string hex, string expected)
    {
        var e = Assert.ThrowsAny<InvalidBitswapMessageException>(() => BitswapMessageCodec.Decode(Convert.FromHexString(hex)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_fields_are_skipped()
    {
        // field 15 varint, field 14 LEN, then pendingBytes = 7
        var decoded = BitswapMessageCodec.Decode(Convert.FromHexString("7801" + "72020102" + "2807"));
        Assert.Equal(7, decoded.PendingBytes);
    }

    [Fact]
    public async Task A_frame_announcing_more_than_4_MiB_is_refused_before_reading_it()
    {
        var stream = new MemoryStream(Varint.Encode(4 * 1024 * 1024 + 1));
        var e = await Assert.ThrowsAsync<InvalidBitswapMessageException>(
            async () => await BitswapFraming.ReadFrameAsync(stream, 4 * 1024 * 1024, CancellationToken.None));
        Assert.Contains("exceeds", e.Message);
    }

    [Fact]
    public async Task Frames_are_varint_length_prefixed_and_end_cleanly()
    {
        var m = new BitswapMessage { PendingBytes = 300 };
        var frame = BitswapFraming.EncodeFrame(m, BitswapVersion.V120);
        Assert.Equal(frame.Length - 1, frame[0]);
        var stream = new MemoryStream([.. frame, .. frame]);
        var first = await BitswapFraming.ReadFrameAsync(stream, 1024, CancellationToken.None);
        var second = await BitswapFraming.ReadFrameAsync(stream, 1024, CancellationToken.None);
        var end = await BitswapFraming.ReadFrameAsync(stream, 1024, CancellationToken.None);
        Assert.Equal(300, BitswapMessageCodec.Decode(first!).PendingBytes);
        Assert.Equal(300, BitswapMessageCodec.Decode(second!).PendingBytes);
        Assert.Null(end);
    }
}
