// CarReader against the reference CAR, and its errors for corrupt, truncated and malformed input.
using System.Security.Cryptography;
using IpfsMount.Core;
using IpfsMount.UnixFs.Car;

namespace IpfsMount.UnixFs.Tests.Car;

public sealed class CarReaderTests
{
    private static readonly byte[] CarFile = CarVectors.ReadCarFile();

    private static async Task<List<CarBlock>> ReadAll(byte[] car, CarReaderOptions? options = null)
    {
        await using var reader = await CarReader.OpenAsync(new MemoryStream(car), options);
        var blocks = new List<CarBlock>();
        await foreach (var b in reader.ReadBlocksAsync()) blocks.Add(b);
        return blocks;
    }

    [Fact]
    public async Task Reads_the_reference_car_header_and_blocks_in_order()
    {
        Assert.Equal(CarVectors.Json.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(CarFile)));
        await using var reader = await CarReader.OpenAsync(new NonSeekableStream(new MemoryStream(CarFile)));
        Assert.Equal(1, reader.Version);
        Assert.Null(reader.V2Header);
        Assert.Equal(CarVectors.Json.GetProperty("headerRoots").EnumerateArray().Select(r => Cid.Parse(r.GetString()!)), reader.Roots);
        var expected = CarVectors.Json.GetProperty("blocks").EnumerateArray().ToArray();
        int i = 0;
        await foreach (var block in reader.ReadBlocksAsync())
        {
            Assert.Equal(expected[i].GetProperty("cid").GetString(), block.Cid.ToString());
            Assert.Equal(expected[i].GetProperty("size").GetInt32(), block.Data.Length);
            i++;
        }
        Assert.Equal(expected.Length, i);
        Assert.Null(await reader.ReadBlockAsync());
    }

    [Fact]
    public async Task A_flipped_byte_in_a_block_raises_block_corrupt_naming_the_cid()
    {
        var car = (byte[])CarFile.Clone();
        car[^1] ^= 0x01; // the last block is the 1-byte leaf
        var e = await Assert.ThrowsAsync<BlockCorruptException>(() => ReadAll(car));
        Assert.Equal(CarVectors.Json.GetProperty("blocks")[5].GetProperty("cid").GetString(), e.Cid.ToString());
        Assert.Contains(e.Cid.ToString(), e.Message);
    }

    [Fact]
    public async Task Every_truncation_raises_invalid_car_or_ends_cleanly_at_a_section_boundary()
    {
        var boundaries = new HashSet<int>();
        int pos = 1 + CarFile[0];
        boundaries.Add(pos);
        while (pos < CarFile.Length)
        {
            ulong len = Varint.Read(CarFile.AsSpan(pos), out int n);
            pos += n + (int)len;
            boundaries.Add(pos);
        }
        var cuts = new SortedSet<int> { 0, 1, 2, 30, 58, 59, 60, 61, 62, 100 };
        foreach (int b in boundaries) for (int d = -3; d <= 3; d++) if (b + d >= 0 && b + d < CarFile.Length) cuts.Add(b + d);
        var rng = new Random(7);
        for (int i = 0; i < 20; i++) cuts.Add(rng.Next(CarFile.Length));
        foreach (int cut in cuts)
        {
            var car = CarFile[..cut];
            if (boundaries.Contains(cut))
            {
                Assert.Equal(boundaries.Count(b => b <= cut) - 1, (await ReadAll(car)).Count);
                continue;
            }
            var e = await Assert.ThrowsAsync<InvalidCarException>(() => ReadAll(car));
            Assert.True(e.Message.StartsWith("CAR is truncated") || e.Message.StartsWith("CAR is empty"), $"cut {cut}: {e.Message}");
        }
    }

    [Theory]
    [InlineData("", "CAR is empty")]
    [InlineData("00", "CAR header length 0 at offset 0 is out of range (1..1048576)")]
    [InlineData("0aa16776657273696f6e03", "unsupported CAR version 3 (supported: 1, 2)")]
    [InlineData("0aa16776657273696f6e01", "CARv1 header has no 'roots' list")]
    [InlineData("01f6", "CAR header must be a map, not a Null")]
    [InlineData("01a0", "CAR header has no integer 'version'")]
    [InlineData("0ca265726f6f747380", "CAR is truncated: CAR header at offset 1 needs 12 bytes but the stream ended after 8")]
    [InlineData("12a265726f6f747381016776657273696f6e01", "CARv1 header root 0 is a Integer, not a CID")]
    public async Task Malformed_headers_are_rejected_with_a_clear_message(string hex, string message)
    {
        var e = await Assert.ThrowsAsync<InvalidCarException>(() => ReadAll(Convert.FromHexString(hex)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task A_section_over_the_size_limit_is_refused_before_allocating()
    {
        var options = new CarReaderOptions { MaxSectionLength = 1000 };
        var e = await Assert.ThrowsAsync<InvalidCarException>(() => ReadAll(CarFile, options));
        Assert.Equal("CAR section at offset 351 is 262180 bytes, over the limit of 1000", e.Message);
    }

    [Fact]
    public async Task A_section_with_a_broken_cid_is_rejected()
    {
        var header = CarFile[..(1 + CarFile[0])];
        byte[] car = [.. header, 0x03, 0x01, 0x55, 0x12];
        var e = await Assert.ThrowsAsync<InvalidCarException>(() => ReadAll(car));
        Assert.StartsWith("CAR section at offset 59 has an invalid CID: CID multihash:", e.Message);
        byte[] empty = [.. header, 0x00];
        e = await Assert.ThrowsAsync<InvalidCarException>(() => ReadAll(empty));
        Assert.Equal("CAR section at offset 59 has length 0", e.Message);
    }
}
