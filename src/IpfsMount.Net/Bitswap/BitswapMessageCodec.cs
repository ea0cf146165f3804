// Protobuf codec of the Bitswap message (ipfs/specs bitswap-protocol.md, wire formats of 1.0.0, 1.1.0 and 1.2.0).
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public static class BitswapMessageCodec
{
    private static readonly Func<string, Exception> Invalid = static m => new InvalidBitswapMessageException(m);

    private const int MsgWantlist = 1, MsgBlocks = 2, MsgPayload = 3, MsgPresences = 4, MsgPendingBytes = 5;
    private const int WlEntries = 1, WlFull = 2;
    private const int EnBlock = 1, EnPriority = 2, EnCancel = 3, EnWantType = 4, EnSendDontHave = 5;
    private const int BlPrefix = 1, BlData = 2;
    private const int PrCid = 1, PrType = 2;

    /// <summary>Bytes the message body takes for <paramref name="version"/> (without the length prefix).</summary>
    public static int GetEncodedLength(BitswapMessage message, BitswapVersion version)
    {
        var wl = WantlistLength(message, version);
        long total = wl < 0 ? 0 : ProtobufWriter.BytesFieldSize(MsgWantlist, wl);
        foreach (var b in message.Blocks)
            total += BlockFieldLength(b, version);
        if (version == BitswapVersion.V120)
        {
            foreach (var p in message.Presences)
                total += ProtobufWriter.BytesFieldSize(MsgPresences, PresenceLength(p));
            if (message.PendingBytes != 0)
                total += ProtobufWriter.VarintFieldSize(MsgPendingBytes, (ulong)(long)message.PendingBytes);
        }
        return checked((int)total);
    }

    /// <summary>Bytes one block adds to a message of <paramref name="version"/>.</summary>
    public static int BlockFieldLength(BitswapBlock block, BitswapVersion version) =>
        version == BitswapVersion.V100
            ? ProtobufWriter.BytesFieldSize(MsgBlocks, block.Data.Length)
            : ProtobufWriter.BytesFieldSize(MsgPayload, BlockLength(block));

    /// <summary>Writes the message body; <paramref name="dest"/> must hold <see cref="GetEncodedLength"/> bytes.</summary>
    public static int Encode(BitswapMessage message, BitswapVersion version, Span<byte> dest)
    {
        var w = new ProtobufWriter(dest);
        var wl = WantlistLength(message, version);
        if (wl >= 0)
        {
            w.WriteLenHeader(MsgWantlist, wl);
            foreach (var e in message.Wantlist)
            {
                if (!Encodable(e, version))
                    continue;
                w.WriteLenHeader(WlEntries, EntryLength(e, version));
                WriteEntry(ref w, e, version);
            }
            if (message.Full)
                w.WriteVarintField(WlFull, 1);
        }
        foreach (var b in message.Blocks)
        {
            if (version == BitswapVersion.V100)
            {
                w.WriteBytesField(MsgBlocks, b.Data.Span);
                continue;
            }
            w.WriteLenHeader(MsgPayload, BlockLength(b));
            w.WriteBytesField(BlPrefix, b.Prefix.Span);
            w.WriteBytesField(BlData, b.Data.Span);
        }
        if (version == BitswapVersion.V120)
        {
            foreach (var p in message.Presences)
            {
                w.WriteLenHeader(MsgPresences, PresenceLength(p));
                w.WriteLenHeader(PrCid, p.Cid.EncodedLength);
                p.Cid.WriteTo(w.Reserve(p.Cid.EncodedLength));
                if (p.Type != BlockPresenceType.Have)
                    w.WriteVarintField(PrType, (ulong)p.Type);
            }
            if (message.PendingBytes != 0)
                w.WriteVarintField(MsgPendingBytes, (ulong)(long)message.PendingBytes);
        }
        return w.Position;
    }

    /// <summary>Encodes the message body into a new array.</summary>
    public static byte[] Encode(BitswapMessage message, BitswapVersion version)
    {
        var bytes = new byte[GetEncodedLength(message, version)];
        Encode(message, version, bytes);
        return bytes;
    }

    /// <summary>Decodes a message body. Blocks are slices of <paramref name="body"/> (no copies).</summary>
    public static BitswapMessage Decode(ReadOnlyMemory<byte> body, BitswapOptions? options = null)
    {
        options ??= BitswapOptions.Default;
        if (body.Length > options.MaxMessageSize)
            throw new InvalidBitswapMessageException($"Bitswap message of {body.Length} bytes exceeds the {options.MaxMessageSize}-byte limit");
        var message = new BitswapMessage();
        var r = new ProtobufReader(body.Span, "Bitswap message", Invalid);
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            switch (field)
            {
                case MsgWantlist:
                    r.Expect(field, wire, ProtobufReader.WireLen);
                    var (wo, wlen) = r.ReadLengthDelimitedRange();
                    DecodeWantlist(body.Span.Slice(wo, wlen), message);
                    break;
                case MsgBlocks:
                    r.Expect(field, wire, ProtobufReader.WireLen);
                    var (bo, blen) = r.ReadLengthDelimitedRange();
                    CheckBlockSize(blen, options);
                    message.Blocks.Add(new BitswapBlock(CidPrefix.V0, body.Slice(bo, blen)));
                    break;
                case MsgPayload:
                    r.Expect(field, wire, ProtobufReader.WireLen);
                    var (po, plen) = r.ReadLengthDelimitedRange();
                    message.Blocks.Add(DecodeBlock(body.Slice(po, plen), options));
                    break;
                case MsgPresences:
                    r.Expect(field, wire, ProtobufReader.WireLen);
                    var (so, slen) = r.ReadLengthDelimitedRange();
                    if (DecodePresence(body.Span.Slice(so, slen)) is { } presence)
                        message.Presences.Add(presence);
                    break;
                case MsgPendingBytes:
                    r.Expect(field, wire, ProtobufReader.WireVarint);
                    message.PendingBytes = (int)r.ReadVarint();
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        return message;
    }

    private static bool Encodable(BitswapWantEntry e, BitswapVersion version) =>
        version == BitswapVersion.V120 || e.Cancel || e.WantType == WantType.Block;

    private static int WantlistLength(BitswapMessage m, BitswapVersion version)
    {
        var any = false;
        var len = 0;
        foreach (var e in m.Wantlist)
        {
            if (!Encodable(e, version))
                continue;
            any = true;
            len += ProtobufWriter.BytesFieldSize(WlEntries, EntryLength(e, version));
        }
        if (m.Full)
            len += 2;
        return any || m.Full ? len : -1;
    }

    private static int EntryLength(BitswapWantEntry e, BitswapVersion version)
    {
        var len = ProtobufWriter.BytesFieldSize(EnBlock, e.Cid.EncodedLength);
        if (e.Priority != 0)
            len += ProtobufWriter.VarintFieldSize(EnPriority, (ulong)(long)e.Priority);
        if (e.Cancel)
            len += 2;
        if (version == BitswapVersion.V120)
        {
            if (e.WantType != WantType.Block)
                len += 2;
            if (e.SendDontHave)
                len += 2;
        }
        return len;
    }

    private static void WriteEntry(ref ProtobufWriter w, BitswapWantEntry e, BitswapVersion version)
    {
        var cidLen = e.Cid.EncodedLength;
        w.WriteLenHeader(EnBlock, cidLen);
        e.Cid.WriteTo(w.Reserve(cidLen));
        if (e.Priority != 0)
            w.WriteVarintField(EnPriority, (ulong)(long)e.Priority);
        if (e.Cancel)
            w.WriteVarintField(EnCancel, 1);
        if (version == BitswapVersion.V120)
        {
            if (e.WantType != WantType.Block)
                w.WriteVarintField(EnWantType, (ulong)e.WantType);
            if (e.SendDontHave)
                w.WriteVarintField(EnSendDontHave, 1);
        }
    }

    private static int BlockLength(BitswapBlock b) =>
        ProtobufWriter.BytesFieldSize(BlPrefix, b.Prefix.Length) + ProtobufWriter.BytesFieldSize(BlData, b.Data.Length);

    private static int PresenceLength(BitswapPresence p) =>
        ProtobufWriter.BytesFieldSize(PrCid, p.Cid.EncodedLength) + (p.Type == BlockPresenceType.Have ? 0 : 2);

    private static void DecodeWantlist(ReadOnlySpan<byte> span, BitswapMessage message)
    {
        var r = new ProtobufReader(span, "Bitswap message", Invalid);
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field == WlEntries)
            {
                r.Expect(field, wire, ProtobufReader.WireLen);
                var (o, l) = r.ReadLengthDelimitedRange();
                if (DecodeEntry(span.Slice(o, l)) is { } entry)
                    message.Wantlist.Add(entry);
            }
            else if (field == WlFull)
            {
                r.Expect(field, wire, ProtobufReader.WireVarint);
                message.Full = r.ReadVarint() != 0;
            }
            else
            {
                r.Skip(wire);
            }
        }
    }

    private static BitswapWantEntry? DecodeEntry(ReadOnlySpan<byte> span)
    {
        var r = new ProtobufReader(span, "Bitswap message", Invalid);
        Cid? cid = null;
        int priority = 0;
        bool cancel = false, sendDontHave = false;
        ulong wantType = 0;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            switch (field)
            {
                case EnBlock:
                    r.Expect(field, wire, ProtobufReader.WireLen);
                    var (o, l) = r.ReadLengthDelimitedRange();
                    cid = ParseCid(span.Slice(o, l), "wantlist entry");
                    break;
                case EnPriority:
                    r.Expect(field, wire, ProtobufReader.WireVarint);
                    priority = (int)r.ReadVarint();
                    break;
                case EnCancel:
                    r.Expect(field, wire, ProtobufReader.WireVarint);
                    cancel = r.ReadVarint() != 0;
                    break;
                case EnWantType:
                    r.Expect(field, wire, ProtobufReader.WireVarint);
                    wantType = r.ReadVarint();
                    break;
                case EnSendDontHave:
                    r.Expect(field, wire, ProtobufReader.WireVarint);
                    sendDontHave = r.ReadVarint() != 0;
                    break;
                default:
                    r.Skip(wire);
                    break;
            }
        }
        if (cid is null)
            throw new InvalidBitswapMessageException("Bitswap wantlist entry has no CID");
        if (wantType > 1)
            return null; // a want type from a future version: ignore the entry
        return new BitswapWantEntry(cid.Value, priority, cancel, (WantType)wantType, sendDontHave);
    }

    private static BitswapBlock DecodeBlock(ReadOnlyMemory<byte> mem, BitswapOptions options)
    {
        var r = new ProtobufReader(mem.Span, "Bitswap message", Invalid);
        ReadOnlyMemory<byte>? prefix = null, data = null;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field is BlPrefix or BlData)
            {
                r.Expect(field, wire, ProtobufReader.WireLen);
                var (o, l) = r.ReadLengthDelimitedRange();
                if (field == BlPrefix)
                    prefix = mem.Slice(o, l);
                else
                    data = mem.Slice(o, l);
            }
            else
            {
                r.Skip(wire);
            }
        }
        if (prefix is null || prefix.Value.Length == 0)
            throw new InvalidBitswapMessageException("Bitswap payload block has no CID prefix");
        var d = data ?? ReadOnlyMemory<byte>.Empty;
        CheckBlockSize(d.Length, options);
        return new BitswapBlock(prefix.Value, d);
    }

    private static BitswapPresence? DecodePresence(ReadOnlySpan<byte> span)
    {
        var r = new ProtobufReader(span, "Bitswap message", Invalid);
        Cid? cid = null;
        ulong type = 0;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field == PrCid)
            {
                r.Expect(field, wire, ProtobufReader.WireLen);
                var (o, l) = r.ReadLengthDelimitedRange();
                cid = ParseCid(span.Slice(o, l), "block presence");
            }
            else if (field == PrType)
            {
                r.Expect(field, wire, ProtobufReader.WireVarint);
                type = r.ReadVarint();
            }
            else
            {
                r.Skip(wire);
            }
        }
        if (cid is null)
            throw new InvalidBitswapMessageException("Bitswap block presence has no CID");
        return type > 1 ? null : new BitswapPresence(cid.Value, (BlockPresenceType)type);
    }

    private static Cid ParseCid(ReadOnlySpan<byte> bytes, string where)
    {
        try
        {
            return Cid.FromBytes(bytes);
        }
        catch (FormatException e)
        {
            throw new InvalidBitswapMessageException($"Bitswap {where} carries an invalid CID: {e.Message}");
        }
    }

    private static void CheckBlockSize(int length, BitswapOptions options)
    {
        if (length > options.MaxBlockSize)
            throw new InvalidBitswapMessageException($"Bitswap block of {length} bytes exceeds the {options.MaxBlockSize}-byte limit");
    }
}
