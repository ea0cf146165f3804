// The UnixFS v1 `Data` protobuf message (ipfs/specs UNIXFS.md, unixfs.proto) with a byte-exact encoder
// (field order 1..8 as ipfs-unixfs and go-unixfs write it, blocksizes unpacked) and a strict decoder.
namespace IpfsMount.UnixFs;

using IpfsMount.Core;

/// <summary>
/// One UnixFS <c>Data</c> message. The encoder writes exactly the fields that are set, in field-number order;
/// empty <see cref="Data"/> is left out (as ipfs-unixfs does). Policy such as "omit the default mode" belongs to
/// the importer, not here.
/// </summary>
public sealed class UnixFsData
{
    private static readonly Func<string, Exception> Invalid = static m => new InvalidUnixFsException(m);

    private const int FieldType = 1, FieldData = 2, FieldFileSize = 3, FieldBlockSizes = 4,
        FieldHashType = 5, FieldFanout = 6, FieldMode = 7, FieldMtime = 8;

    public UnixFsDataType Type { get; init; }

    /// <summary>Inline bytes: file content, symlink target, or a HAMT shard's bitfield. Empty = absent.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    public ulong? FileSize { get; init; }

    public IReadOnlyList<ulong> BlockSizes { get; init; } = Array.Empty<ulong>();

    public ulong? HashType { get; init; }

    public ulong? Fanout { get; init; }

    /// <summary>Unix permission bits (and higher bits kept as read), when present.</summary>
    public uint? Mode { get; init; }

    public UnixFsTime? Mtime { get; init; }

    /// <summary>Exact size of <see cref="Encode()"/>'s output.</summary>
    public int EncodedLength
    {
        get
        {
            int n = ProtobufWriter.VarintFieldSize(FieldType, (ulong)Type);
            if (!Data.IsEmpty) n += ProtobufWriter.BytesFieldSize(FieldData, Data.Length);
            if (FileSize is { } fs) n += ProtobufWriter.VarintFieldSize(FieldFileSize, fs);
            foreach (ulong b in BlockSizes) n += ProtobufWriter.VarintFieldSize(FieldBlockSizes, b);
            if (HashType is { } h) n += ProtobufWriter.VarintFieldSize(FieldHashType, h);
            if (Fanout is { } f) n += ProtobufWriter.VarintFieldSize(FieldFanout, f);
            if (Mode is { } m) n += ProtobufWriter.VarintFieldSize(FieldMode, m);
            if (Mtime is { } t) n += ProtobufWriter.BytesFieldSize(FieldMtime, TimeLength(t));
            return n;
        }
    }

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        EncodeTo(bytes);
        return bytes;
    }

    /// <summary>Writes the message into <paramref name="dest"/> and returns the byte count.</summary>
    public int EncodeTo(Span<byte> dest)
    {
        var w = new ProtobufWriter(dest);
        w.WriteVarintField(FieldType, (ulong)Type);
        if (!Data.IsEmpty) w.WriteBytesField(FieldData, Data.Span);
        if (FileSize is { } fs) w.WriteVarintField(FieldFileSize, fs);
        foreach (ulong b in BlockSizes) w.WriteVarintField(FieldBlockSizes, b);
        if (HashType is { } h) w.WriteVarintField(FieldHashType, h);
        if (Fanout is { } f) w.WriteVarintField(FieldFanout, f);
        if (Mode is { } m) w.WriteVarintField(FieldMode, m);
        if (Mtime is { } t)
        {
            w.WriteTag(FieldMtime, 2);
            w.WriteVarint((ulong)TimeLength(t));
            w.WriteVarintField(1, unchecked((ulong)t.Seconds));
            if (t.FractionalNanoseconds is { } ns) w.WriteFixed32Field(2, ns);
        }
        return w.Position;
    }

    private static int TimeLength(UnixFsTime t) =>
        ProtobufWriter.VarintFieldSize(1, unchecked((ulong)t.Seconds)) + (t.FractionalNanoseconds is null ? 0 : 5);

    /// <summary>
    /// Strictly decodes a <c>Data</c> message: the Type field is required, every known field must have its
    /// declared wire type and appear at most once (blocksizes repeat), unknown fields are rejected.
    /// </summary>
    /// <exception cref="InvalidUnixFsException">The bytes are not a valid UnixFS Data message.</exception>
    public static UnixFsData Decode(ReadOnlyMemory<byte> bytes)
    {
        var r = new ProtobufReader(bytes.Span, "UnixFS Data message", Invalid);
        UnixFsDataType? type = null;
        ReadOnlyMemory<byte> data = default;
        ulong? fileSize = null, hashType = null, fanout = null;
        uint? mode = null;
        UnixFsTime? mtime = null;
        List<ulong>? blockSizes = null;
        uint seen = 0;
        while (!r.AtEnd)
        {
            int start = r.Position;
            var (field, wire) = r.ReadTag();
            if (field != FieldBlockSizes && field <= FieldMtime)
            {
                if ((seen & (1u << field)) != 0) throw r.Fail($"field {field} appears twice");
                seen |= 1u << field;
            }
            switch (field)
            {
                case FieldType:
                    r.Expect(field, wire, 0);
                    ulong t = r.ReadVarint();
                    if (t > (ulong)UnixFsDataType.HamtShard) throw r.Fail($"unknown Type {t}");
                    type = (UnixFsDataType)t;
                    break;
                case FieldData:
                    r.Expect(field, wire, 2);
                    var span = r.ReadLengthDelimited();
                    data = bytes.Slice(r.Position - span.Length, span.Length);
                    break;
                case FieldFileSize: r.Expect(field, wire, 0); fileSize = r.ReadVarint(); break;
                case FieldBlockSizes:
                    blockSizes ??= new List<ulong>();
                    if (wire == 2) ReadPacked(ref r, blockSizes);
                    else { r.Expect(field, wire, 0); blockSizes.Add(r.ReadVarint()); }
                    break;
                case FieldHashType: r.Expect(field, wire, 0); hashType = r.ReadVarint(); break;
                case FieldFanout: r.Expect(field, wire, 0); fanout = r.ReadVarint(); break;
                case FieldMode:
                    r.Expect(field, wire, 0);
                    ulong m = r.ReadVarint();
                    if (m > uint.MaxValue) throw r.Fail($"mode {m} does not fit in uint32");
                    mode = (uint)m;
                    break;
                case FieldMtime:
                    r.Expect(field, wire, 2);
                    mtime = DecodeTime(r.ReadLengthDelimited());
                    break;
                default:
                    throw r.Fail($"unknown field {field} (wire type {wire}) at byte {start}");
            }
        }
        if (type is null) throw r.Fail("required field Type is missing");
        return new UnixFsData
        {
            Type = type.Value, Data = data, FileSize = fileSize, HashType = hashType, Fanout = fanout,
            Mode = mode, Mtime = mtime, BlockSizes = (IReadOnlyList<ulong>?)blockSizes ?? Array.Empty<ulong>(),
        };
    }

    private static void ReadPacked(ref ProtobufReader r, List<ulong> into)
    {
        var inner = new ProtobufReader(r.ReadLengthDelimited(), "UnixFS Data blocksizes (packed)", Invalid);
        while (!inner.AtEnd) into.Add(inner.ReadVarint());
    }

    private static UnixFsTime DecodeTime(ReadOnlySpan<byte> bytes)
    {
        var r = new ProtobufReader(bytes, "UnixFS mtime (UnixTime message)", Invalid);
        long? seconds = null;
        uint? nanos = null;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadTag();
            if (field == 1)
            {
                r.Expect(field, wire, 0);
                if (seconds is not null) throw r.Fail("Seconds appears twice");
                seconds = unchecked((long)r.ReadVarint());
            }
            else if (field == 2)
            {
                r.Expect(field, wire, 5);
                if (nanos is not null) throw r.Fail("FractionalNanoseconds appears twice");
                nanos = r.ReadFixed32();
                if (nanos > 999_999_999) throw r.Fail($"FractionalNanoseconds {nanos} is over 999,999,999");
            }
            else throw r.Fail($"unknown field {field}");
        }
        if (seconds is null) throw r.Fail("required field Seconds is missing");
        return new UnixFsTime(seconds.Value, nanos);
    }
}
