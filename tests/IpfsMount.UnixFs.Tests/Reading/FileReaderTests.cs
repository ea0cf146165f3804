// Random-range reads through UnixFsFileReader compared with the source bytes, across layouts and leaf kinds.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class FileReaderTests
{
    public static TheoryData<string> Layouts() => new()
    {
        "kubo", "kubo-v1", "unixfs-v1-2025", "trickle", "deep-balanced", "deep-trickle", "deep-raw", "rabin",
    };

    private static ImportOptions Options(string layout) => layout switch
    {
        "kubo" => ImportOptions.Kubo,
        "kubo-v1" => ImportOptions.KuboV1,
        "unixfs-v1-2025" => ImportOptions.UnixFsV1_2025,
        "trickle" => ImportOptions.Kubo with { Trickle = true },
        "deep-balanced" => ImportOptions.Kubo with { Chunker = "size-1000", MaxLinks = 3 },
        "deep-trickle" => ImportOptions.Kubo with { Chunker = "size-1000", MaxLinks = 3, Trickle = true },
        "deep-raw" => ImportOptions.KuboV1 with { Chunker = "size-777", MaxLinks = 5 },
        "rabin" => ImportOptions.KuboV1 with { Chunker = "rabin-1024-4096-8192" },
        _ => throw new ArgumentException(layout),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Random_range_reads_return_the_source_bytes(string layout)
    {
        var source = InputGenerator.Generate(layout.StartsWith("deep") || layout == "rabin" ? 200_000 : 3_000_000, 3);
        var store = new MemoryBlockStore();
        var entry = await new UnixFsImporter(store, Options(layout)).AddFileAsync(new MemoryStream(source));
        var resolver = new UnixFsResolver(store);
        var node = await resolver.GetNodeAsync(entry.Cid);
        var reader = resolver.OpenFile(node);
        Assert.Equal(source.Length, reader.Length);

        var rng = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            long offset = rng.NextInt64(0, source.Length + 10);
            var buffer = new byte[rng.Next(1, 300_000)];
            int n = await reader.ReadAsync(offset, buffer);
            int expected = (int)Math.Max(0, Math.Min(buffer.Length, source.Length - offset));
            Assert.Equal(expected, n);
            Assert.True(buffer.AsSpan(0, n).SequenceEqual(source.AsSpan((int)Math.Min(offset, source.Length), n)), $"bytes differ at {offset}+{n}");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_sequential_stream_with_read_ahead_returns_the_whole_file(string layout)
    {
        var source = InputGenerator.Generate(1_500_000, 5);
        var store = new MemoryBlockStore();
        var entry = await new UnixFsImporter(store, Options(layout)).AddFileAsync(new MemoryStream(source));
        await using var stream = await new UnixFsResolver(store).OpenReadAsync(entry.Cid, "");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 65536);
        Assert.True(copy.ToArray().AsSpan().SequenceEqual(source));
    }

    [Fact]
    public async Task Concurrent_readers_of_one_file_all_get_correct_bytes()
    {
        var source = InputGenerator.Generate(2_000_000, 9);
        var store = new MemoryBlockStore();
        var entry = await new UnixFsImporter(store, ImportOptions.Kubo with { Chunker = "size-4096" }).AddFileAsync(new MemoryStream(source));
        var resolver = new UnixFsResolver(store);
        var reader = resolver.OpenFile(await resolver.GetNodeAsync(entry.Cid));
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var rng = new Random(t);
            for (int i = 0; i < 50; i++)
            {
                long offset = rng.NextInt64(0, source.Length);
                var buffer = new byte[rng.Next(1, 50_000)];
                int n = await reader.ReadAsync(offset, buffer);
                if (!buffer.AsSpan(0, n).SequenceEqual(source.AsSpan((int)offset, n))) return false;
            }
            return true;
        }));
        Assert.All(await Task.WhenAll(tasks), Assert.True);
    }

    [Fact]
    public async Task A_raw_cid_reads_as_a_file_of_its_block()
    {
        var store = new MemoryBlockStore();
        var entry = await new UnixFsImporter(store, ImportOptions.KuboV1).AddFileAsync(new MemoryStream("hello\n"u8.ToArray()));
        var node = await new UnixFsResolver(store).GetNodeAsync(entry.Cid);
        Assert.Equal(UnixFsNodeKind.Raw, node.Kind);
        Assert.True(node.IsFile);
        var buffer = new byte[10];
        int n = await new UnixFsResolver(store).OpenFile(node).ReadAsync(1, buffer);
        Assert.Equal("ello\n", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task Mode_and_mtime_are_exposed_on_the_node()
    {
        var store = new MemoryBlockStore();
        var mtime = new UnixFsTime(1700000000, 5);
        var entry = await new UnixFsImporter(store, ImportOptions.KuboV1).AddFileAsync(new MemoryStream(new byte[10]), 0x1ED, mtime);
        var node = await new UnixFsResolver(store).GetNodeAsync(entry.Cid);
        Assert.Equal(0x1EDu, node.Mode);
        Assert.Equal(mtime, node.Mtime);
        Assert.Equal(10, node.Size);
    }
}
