// Unsigned varint encoding: known encodings, limits and precise errors.
namespace IpfsMount.Core.Tests;

public sealed class VarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(255UL, "ff01")]
    [InlineData(300UL, "ac02")]
    [InlineData(16384UL, "808001")]
    [InlineData(0x7FFFFFFFFFFFFFFFUL, "ffffffffffffffff7f")]
    public void Encodes_the_spec_examples(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Varint.Encode(value)));
        Assert.Equal(hex.Length / 2, Varint.Size(value));
        Assert.Equal(value, Varint.Read(Convert.FromHexString(hex), out int n));
        Assert.Equal(hex.Length / 2, n);
    }

    [Fact]
    public void Reading_stops_after_the_varint_and_reports_its_length()
    {
        Assert.Equal(300UL, Varint.Read([0xac, 0x02, 0xff, 0xff], out int n));
        Assert.Equal(2, n);
    }

    [Theory]
    [InlineData("", "varint is truncated")]
    [InlineData("80", "varint is truncated")]
    [InlineData("ffff", "varint is truncated")]
    [InlineData("8000", "varint is not minimally encoded")]
    [InlineData("ff00", "varint is not minimally encoded")]
    [InlineData("ffffffffffffffff80", "varint is longer than 9 bytes")]
    [InlineData("ffffffffffffffffff01", "varint is longer than 9 bytes")]
    public void Rejects_bad_varints_with_a_precise_message(string hex, string message)
    {
        var e = Assert.Throws<InvalidVarintException>(() => Varint.Read(Convert.FromHexString(hex), out _));
        Assert.Equal(message, e.Message);
        Assert.False(Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void Values_of_64_bits_cannot_be_encoded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Varint.Encode(1UL << 63));
    }

    [Fact]
    public async Task Reads_from_a_stream_and_returns_null_at_clean_end()
    {
        using var s = new MemoryStream([0xac, 0x02, 0x05]);
        Assert.Equal(300UL, await Varint.ReadAsync(s, CancellationToken.None));
        Assert.Equal(5UL, await Varint.ReadAsync(s, CancellationToken.None));
        Assert.Null(await Varint.ReadAsync(s, CancellationToken.None));
    }

    [Fact]
    public async Task A_stream_ending_inside_a_varint_is_truncated()
    {
        using var s = new MemoryStream([0xac]);
        var e = await Assert.ThrowsAsync<InvalidVarintException>(async () => await Varint.ReadAsync(s, CancellationToken.None));
        Assert.Equal("varint is truncated", e.Message);
    }
}
