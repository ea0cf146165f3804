// The UnixFS `Data` protobuf message (UnixFS spec, "Data Format"): type, inline data, filesize,
// blocksizes, hashType, fanout, mode and mtime, encoded in field order like Kubo and ipfs-unixfs.
namespace IpfsMount.Mfs;

internal enum UnixFsType
{
    Raw = 0,
    Directory = 1,
    File = 2,
    Metadata = 3,
    Symlink = 4,
    HamtShard = 5,
}

internal sealed class UnixFsData
{
    public UnixFsType Type { get; set; }
    public ReadOnlyMemory<byte> Data { get; set; }
    public ulong? FileSize { get; set; }
    public List<ulong> BlockSizes { get; } = [];
    public ulong? HashType { get; set; }
    public ulong? Fanout { get; set; }
    public uint? Mode { get; set; }
    public MfsTime? Mtime { get; set; }

    public byte[] Encode()
    {
        var w = new ProtoWriter();
        w.Varint(1, (ulong)Type);
        if (!Data.IsEmpty) w.Bytes(2, Data.Span);
        if (FileSize is { } fs) w.Varint(3, fs);
        foreach (var b in BlockSizes) w.Varint(4, b);
        if (HashType is { } h) w.Varint(5, h);
        if (Fanout is { } f) w.Varint(6, f);
        if (Mode is { } m) w.Varint(7, m);
        if (Mtime is { } t)
        {
            var inner = new ProtoWriter();
            inner.Varint(1, unchecked((ulong)t.Seconds));
            if (t.Nanoseconds != 0) inner.Fixed32(2, t.Nanoseconds);
            w.Bytes(8, inner.ToArray());
        }
        return w.ToArray();
    }

    public static UnixFsData Decode(ReadOnlyMemory<byte> bytes)
    {
        var d = new UnixFsData();
        var r = new ProtoReader(bytes);
        bool sawType = false;
        while (r.Next(out int field, out int wire))
        {
            switch (field, wire)
            {
                case (1, 0): d.Type = (UnixFsType)r.ReadVarint(); sawType = true; break;
                case (2, 2): d.Data = r.ReadBytes(); break;
                case (3, 0): d.FileSize = r.ReadVarint(); break;
                case (4, 0): d.BlockSizes.Add(r.ReadVarint()); break;
                case (4, 2):
                    var packed = new ProtoReader(r.ReadBytes());
                    while (!packed.AtEnd) d.BlockSizes.Add(packed.ReadVarint());
                    break;
                case (5, 0): d.HashType = r.ReadVarint(); break;
                case (6, 0): d.Fanout = r.ReadVarint(); break;
                case (7, 0): d.Mode = (uint)r.ReadVarint(); break;
                case (8, 2): d.Mtime = DecodeTime(r.ReadBytes()); break;
                default: r.Skip(wire); break;
            }
        }
        if (!sawType || (int)d.Type > 5)
            throw new MfsException(MfsErrorKind.InvalidData, "a dag-pb node has no valid UnixFS Data (missing or unknown Type)");
        return d;
    }

    private static MfsTime DecodeTime(ReadOnlyMemory<byte> bytes)
    {
        var r = new ProtoReader(bytes);
        long secs = 0;
        uint nanos = 0;
        while (r.Next(out int field, out int wire))
        {
            if (field == 1 && wire == 0) secs = unchecked((long)r.ReadVarint());
            else if (field == 2 && wire == 5) nanos = r.ReadFixed32();
            else r.Skip(wire);
        }
        return new MfsTime(secs, nanos);
    }
}
