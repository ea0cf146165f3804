// Chunker parsing, fixed-size boundaries, and Kubo's rabin (tables from the polynomial, size limits, resynchronisation).
using System.Security.Cryptography;

namespace IpfsMount.UnixFs.Tests;

public sealed class ChunkerTests
{
    private static async Task<List<byte[]>> ChunkAsync(ChunkerSpec spec, byte[] data)
    {
        var chunker = spec.Create(new MemoryStream(data));
        var chunks = new List<byte[]>();
        var buffer = new byte[chunker.MaxChunkSize];
        int n;
        while ((n = await chunker.ReadChunkAsync(buffer, default)) > 0) chunks.Add(buffer[..n]);
        return chunks;
    }

    [Theory]
    [InlineData("size-262144", false, 262144, 0, 0)]
    [InlineData("", false, 262144, 0, 0)]
    [InlineData("size-1000", false, 1000, 0, 0)]
    [InlineData("rabin", true, 0, 87381, 393216)]
    [InlineData("rabin-65536", true, 0, 21845, 98304)]
    [InlineData("rabin-1024-4096-8192", true, 0, 1024, 8192)]
    public void Kubo_chunker_strings_parse_to_their_parameters(string text, bool rabin, int size, int min, int max)
    {
        var spec = ChunkerSpec.Parse(text);
        Assert.Equal(rabin, spec.IsRabin);
        Assert.Equal(rabin ? max : size, spec.MaxChunkSize);
        if (rabin) Assert.Equal(min, spec.Min);
    }

    [Theory]
    [InlineData("size-0")]
    [InlineData("size-abc")]
    [InlineData("size-4194304")]
    [InlineData("rabin-8-16-32")]
    [InlineData("rabin-4096-1024-8192")]
    [InlineData("rabin-1-2")]
    [InlineData("buzhash")]
    public void Invalid_chunker_strings_are_rejected_with_a_reason(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ChunkerSpec.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public async Task Fixed_size_chunks_are_exact_except_the_last()
    {
        var data = InputGenerator.Generate(10_001, 3);
        var chunks = await ChunkAsync(ChunkerSpec.FixedSize(1000), data);
        Assert.Equal(11, chunks.Count);
        Assert.All(chunks.Take(10), c => Assert.Equal(1000, c.Length));
        Assert.Single(chunks[10]);
        Assert.Equal(data, chunks.SelectMany(c => c).ToArray());
    }

    [Fact]
    public void Rabin_tables_derived_from_the_polynomial_match_the_published_go_ipfs_preset()
    {
        // Entries of DAGger's "GoIPFSv0" preset (polynomial 17437180132763653, window 16).
        Assert.Equal(0x17fa63217c2ad7UL, RabinChunker.OutTable[1]);
        Assert.Equal(0x171e3aded86a75UL, RabinChunker.OutTable[255]);
        Assert.Equal(0x3df305dfb2a805UL, RabinChunker.ModTable[1]);
        Assert.Equal(0x1fe1d6d65a0be2bcUL, RabinChunker.ModTable[255]);
        Assert.Equal(0UL, RabinChunker.OutTable[0]);
    }

    [Fact]
    public async Task Rabin_chunks_stay_within_min_and_max_and_cover_the_input()
    {
        var data = InputGenerator.Generate(3_000_000, 8);
        var spec = ChunkerSpec.Parse("rabin-4096-16384-32768");
        var chunks = await ChunkAsync(spec, data);
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.InRange(c.Length, 4096, 32768));
        Assert.Equal(data, chunks.SelectMany(c => c).ToArray());
        double average = data.Length / (double)chunks.Count;
        Assert.InRange(average, 8_000, 32_768);
        Assert.Contains(chunks, c => c.Length != 32768 && c.Length != 4096);
    }

    [Fact]
    public async Task Rabin_boundaries_are_content_defined_so_an_insertion_only_changes_nearby_chunks()
    {
        var data = InputGenerator.Generate(2_000_000, 12);
        var shifted = InputGenerator.Generate(777, 99).Concat(data).ToArray();
        var spec = ChunkerSpec.Parse("rabin-4096-16384-32768");
        var a = (await ChunkAsync(spec, data)).Select(c => Convert.ToHexString(SHA256.HashData(c))).ToHashSet();
        var b = (await ChunkAsync(spec, shifted)).Select(c => Convert.ToHexString(SHA256.HashData(c))).ToList();
        int shared = b.Count(a.Contains);
        Assert.True(shared >= b.Count - 3, $"only {shared} of {b.Count} chunks survived a 777-byte insertion");
    }

    [Fact]
    public async Task A_rabin_import_round_trips_through_the_reader()
    {
        var data = InputGenerator.Generate(1_000_000, 21);
        var store = new IpfsMount.Core.MemoryBlockStore();
        var entry = await new UnixFsImporter(store, ImportOptions.Kubo with { Chunker = "rabin-2048-8192-16384" }).AddFileAsync(new MemoryStream(data));
        await using var stream = await new UnixFsResolver(store).OpenReadAsync(entry.Cid, "");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }
}
