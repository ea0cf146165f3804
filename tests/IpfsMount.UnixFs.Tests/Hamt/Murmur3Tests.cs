// The HAMT key hash against the vectors (murmurCheck and the per-file hashes of the lookups).
namespace IpfsMount.UnixFs.Tests;

public sealed class Murmur3Tests
{
    [Fact]
    public void Hello_hashes_to_the_reference_value()
    {
        var digest = new byte[8];
        Murmur3X64.HashTo("hello"u8, digest);
        Assert.Equal(Vectors.Str("hamt", "murmurCheck", "expected"), Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void File_names_hash_to_the_reference_values_and_index_by_their_first_byte()
    {
        foreach (var lookup in Vectors.Get("hamt", "kubo-v0 + links-bytes, threshold 1024 (forced)", "lookups").EnumerateObject())
        {
            var digest = new byte[8];
            Murmur3X64.HashTo(System.Text.Encoding.UTF8.GetBytes(lookup.Name), digest);
            string hex = lookup.Value.GetProperty("murmur3x64_64Hex").GetString()!;
            Assert.Equal(hex, Convert.ToHexStringLower(digest));
            Assert.Equal(Convert.ToInt32(hex[..2], 16), HamtKeyHash.IndexAt(new HamtKeyHash(lookup.Name), 0, 8));
            Assert.Equal(Convert.ToInt32(hex[2..4], 16), HamtKeyHash.IndexAt(new HamtKeyHash(lookup.Name), 1, 8));
        }
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("0123456789abcdef", 16)]
    [InlineData("0123456789abcdefXYZ", 19)]
    public void Every_tail_length_hashes_deterministically_and_differently(string key, int length)
    {
        Assert.Equal(length, key.Length);
        ulong h = Murmur3X64.Hash64(System.Text.Encoding.UTF8.GetBytes(key));
        Assert.Equal(h, Murmur3X64.Hash64(System.Text.Encoding.UTF8.GetBytes(key)));
        Assert.NotEqual(h, Murmur3X64.Hash64(System.Text.Encoding.UTF8.GetBytes(key + "!")));
    }
}
