// Round-trip and differential properties of the MFS's UnixFS Data codec: decode(encode(x)) == x, and the bytes
// equal those of IpfsMount.UnixFs's encoder for the same fields.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsMount.UnixFs;
using TheirData = IpfsMount.UnixFs.UnixFsData;

namespace IpfsMount.Mfs.Tests;

public sealed class UnixFsDataPropertyTests
{
    [Property(MaxTest = 300)]
    public bool Encoding_round_trips_and_matches_the_unixfs_project(byte type, byte[] data, ulong? fileSize, ulong[] blockSizes, uint? mode, long? secs, uint nanos)
    {
        var mine = new UnixFsData
        {
            Type = (UnixFsType)(type % 6),
            Data = data,
            FileSize = fileSize,
            Mode = mode,
            Mtime = secs is { } s ? new MfsTime(s, nanos % 1_000_000_000) : null,
        };
        mine.BlockSizes.AddRange(blockSizes);
        var bytes = mine.Encode();
        var back = UnixFsData.Decode(bytes);
        bool roundTrip = back.Type == mine.Type && back.Data.Span.SequenceEqual(data) && back.FileSize == fileSize
            && back.BlockSizes.SequenceEqual(blockSizes) && back.Mode == mode && Nullable.Equals(back.Mtime, mine.Mtime);
        var theirs = new TheirData
        {
            Type = (UnixFsDataType)(type % 6),
            Data = data,
            FileSize = fileSize,
            BlockSizes = blockSizes,
            Mode = mode,
            Mtime = secs is { } t ? new UnixFsTime(t, nanos % 1_000_000_000 is var n && n != 0 ? n : null) : null,
        };
        return roundTrip && theirs.Encode().AsSpan().SequenceEqual(bytes);
    }

    [Fact]
    public void Truncated_or_typeless_data_is_rejected_with_invalid_data()
    {
        var ok = new UnixFsData { Type = UnixFsType.File, Data = new byte[] { 1, 2, 3 }, FileSize = 3 }.Encode();
        Assert.Equal(MfsErrorKind.InvalidData, Assert.Throws<MfsException>(() => UnixFsData.Decode(ok.AsMemory(0, ok.Length - 4))).Kind);
        Assert.Equal(MfsErrorKind.InvalidData, Assert.Throws<MfsException>(() => UnixFsData.Decode(new byte[] { 0x18, 0x01 })).Kind);
    }
}
