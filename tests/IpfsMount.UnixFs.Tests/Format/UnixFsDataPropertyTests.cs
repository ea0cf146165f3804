// FsCheck round-trip properties of the UnixFS Data codec, plus byte-exact checks against ipfs-unixfs encodings.
using FsCheck;
using FsCheck.Xunit;

namespace IpfsMount.UnixFs.Tests;

public sealed class UnixFsDataPropertyTests
{
    private static UnixFsData Build(byte type, byte[] data, (bool, ulong) fileSize, ulong[] blockSizes, (bool, ulong) hashType,
        (bool, ulong) fanout, (bool, uint) mode, (bool, long, bool, uint) mtime) => new()
    {
        Type = (UnixFsDataType)(type % 6),
        Data = data,
        FileSize = fileSize.Item1 ? fileSize.Item2 : null,
        BlockSizes = blockSizes,
        HashType = hashType.Item1 ? hashType.Item2 : null,
        Fanout = fanout.Item1 ? fanout.Item2 : null,
        Mode = mode.Item1 ? mode.Item2 : null,
        Mtime = mtime.Item1 ? new UnixFsTime(mtime.Item2, mtime.Item3 ? mtime.Item4 % 1_000_000_000 : null) : null,
    };

    [Property(MaxTest = 300)]
    public bool Decoding_an_encoded_message_gives_back_every_field(byte type, byte[] data, (bool, ulong) fileSize,
        ulong[] blockSizes, (bool, ulong) hashType, (bool, ulong) fanout, (bool, uint) mode, (bool, long, bool, uint) mtime)
    {
        var original = Build(type, data, fileSize, blockSizes, hashType, fanout, mode, mtime);
        var bytes = original.Encode();
        var decoded = UnixFsData.Decode(bytes);
        return bytes.Length == original.EncodedLength
            && decoded.Type == original.Type
            && decoded.Data.Span.SequenceEqual(original.Data.Span)
            && decoded.FileSize == original.FileSize
            && decoded.BlockSizes.SequenceEqual(original.BlockSizes)
            && decoded.HashType == original.HashType
            && decoded.Fanout == original.Fanout
            && decoded.Mode == original.Mode
            && decoded.Mtime == original.Mtime
            && decoded.Encode().AsSpan().SequenceEqual(bytes);
    }

    [Property(MaxTest = 500)]
    public bool Arbitrary_bytes_either_decode_or_raise_InvalidUnixFsException(byte[] bytes)
    {
        try
        {
            var decoded = UnixFsData.Decode(bytes);
            var again = UnixFsData.Decode(decoded.Encode());
            return again.Type == decoded.Type && again.BlockSizes.SequenceEqual(decoded.BlockSizes)
                && again.Data.Span.SequenceEqual(decoded.Data.Span) && again.Mtime == decoded.Mtime;
        }
        catch (InvalidUnixFsException)
        {
            return true;
        }
    }

    [Theory]
    [InlineData("0a0408021800", UnixFsDataType.File, 0)]
    [InlineData("08051220ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff2822308002", UnixFsDataType.HamtShard, -1)]
    public void Reference_encodings_decode_and_reencode_byte_for_byte(string hex, UnixFsDataType type, long fileSize)
    {
        var bytes = Convert.FromHexString(hex);
        if (bytes[0] == 0x0a) bytes = bytes[2..]; // strip the dag-pb Data wrapper of the empty-file block
        var d = UnixFsData.Decode(bytes);
        Assert.Equal(type, d.Type);
        Assert.Equal(fileSize < 0 ? null : (ulong)fileSize, d.FileSize);
        Assert.Equal(Convert.ToHexStringLower(bytes), Convert.ToHexStringLower(d.Encode()));
    }

    [Fact]
    public void Mtime_with_explicit_zero_nanoseconds_keeps_the_fixed32_field()
    {
        var d = new UnixFsData { Type = UnixFsDataType.File, Mtime = new UnixFsTime(1700000000, 0) };
        Assert.EndsWith("420b0880e2cfaa061500000000", Convert.ToHexStringLower(d.Encode()));
        var omitted = new UnixFsData { Type = UnixFsDataType.File, Mtime = new UnixFsTime(1700000000) };
        Assert.EndsWith("42060880e2cfaa06", Convert.ToHexStringLower(omitted.Encode()));
    }

    [Theory]
    [InlineData("", "Type is missing")]
    [InlineData("0806", "unknown Type 6")]
    [InlineData("0802120a0102", "runs past the end")]
    [InlineData("08020802", "appears twice")]
    [InlineData("0802a00100", "unknown field 20")]
    [InlineData("0a020802", "wire type 2, expected 0")]
    [InlineData("080218ffffffffffffffffffff01", "varint")]
    [InlineData("0802420408011500", "truncated fixed32")]
    [InlineData("08024207080115ffffffff", "over 999,999,999")]
    [InlineData("080242051500000000", "Seconds is missing")]
    public void Malformed_messages_are_rejected_with_a_precise_reason(string hex, string reason)
    {
        var ex = Assert.Throws<InvalidUnixFsException>(() => UnixFsData.Decode(Convert.FromHexString(hex)));
        Assert.Contains(reason, ex.Message);
    }
}
