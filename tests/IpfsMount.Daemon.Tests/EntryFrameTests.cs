// The entry framing of the HTTP API (add upload, get download): what is written reads back identically.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IpfsMount.Daemon.Http;

namespace IpfsMount.Daemon.Tests;

public sealed class EntryFrameTests
{
    public sealed record Entry(EntryKind Kind, string Path, uint? Mode, long? Mtime, string? Target, byte[]? Content);

    public static Arbitrary<Entry[]> Entries()
    {
        var name = Gen.Elements("a", "b.txt", "dir", "é ü", "x/y", "日本", "").Select(s => s);
        var entry = Gen.OneOf(
            name.Select(n => new Entry(EntryKind.Directory, n, 0755u, 638_000_000_000_000_000L, null, null)),
            Gen.Zip(name, Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())).Select(t => new Entry(EntryKind.File, t.Item1, null, null, null, t.Item2)),
            Gen.Zip(name, Gen.Choose(0, 4095)).Select(t => new Entry(EntryKind.File, t.Item1, (uint)t.Item2, 1L, null, new byte[t.Item2 * 97])),
            name.Select(n => new Entry(EntryKind.Symlink, n, null, 5L, "../target " + n, null)));
        return Gen.ArrayOf(entry).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(EntryFrameTests)], MaxTest = 60)]
    public bool Written_entries_read_back_identically(Entry[] entries)
    {
        var buffer = new MemoryStream();
        var writer = new EntryFrameWriter(buffer);
        foreach (var e in entries)
        {
            switch (e.Kind)
            {
                case EntryKind.Directory: writer.DirectoryAsync(e.Path, e.Mode, e.Mtime, default).GetAwaiter().GetResult(); break;
                case EntryKind.File: writer.FileAsync(e.Path, e.Mode, e.Mtime, new MemoryStream(e.Content!), null, default).GetAwaiter().GetResult(); break;
                case EntryKind.Symlink: writer.SymlinkAsync(e.Path, e.Target!, e.Mtime, default).GetAwaiter().GetResult(); break;
            }
        }
        writer.EndAsync(default).GetAwaiter().GetResult();
        buffer.Position = 0;

        var reader = new EntryFrameReader(buffer);
        foreach (var e in entries)
        {
            var frame = reader.NextAsync(default).GetAwaiter().GetResult();
            if (frame is null || frame.Kind != e.Kind || frame.Path != e.Path || frame.Target != e.Target) return false;
            if (frame.MtimeTicks != e.Mtime || (e.Kind != EntryKind.Symlink && frame.Mode != e.Mode)) return false;
            if (e.Content is not null)
            {
                var read = new MemoryStream();
                frame.Content!.CopyTo(read);
                if (!read.ToArray().AsSpan().SequenceEqual(e.Content)) return false;
            }
        }
        return reader.NextAsync(default).GetAwaiter().GetResult() is null
               && reader.NextAsync(default).GetAwaiter().GetResult() is null; // stays at the end
    }

    [Fact]
    public async Task An_unread_file_is_skipped_when_the_next_entry_is_asked_for()
    {
        var buffer = new MemoryStream();
        var writer = new EntryFrameWriter(buffer);
        await writer.FileAsync("big", null, null, new MemoryStream(new byte[1_000_000]), null, default);
        await writer.DirectoryAsync("next", null, null, default);
        await writer.EndAsync(default);
        buffer.Position = 0;
        var reader = new EntryFrameReader(buffer);

        var first = await reader.NextAsync(default);
        var second = await reader.NextAsync(default);

        Assert.Equal("big", first!.Path);
        Assert.Equal(("next", EntryKind.Directory), (second!.Path, second.Kind));
    }

    [Fact]
    public async Task A_truncated_stream_is_an_error_not_a_short_file()
    {
        var buffer = new MemoryStream();
        var writer = new EntryFrameWriter(buffer);
        await writer.FileAsync("f", null, null, new MemoryStream(new byte[5000]), null, default);
        var truncated = new MemoryStream(buffer.ToArray()[..3000]);
        var frame = await new EntryFrameReader(truncated).NextAsync(default);

        await Assert.ThrowsAsync<EndOfStreamException>(() => frame!.Content!.CopyToAsync(Stream.Null));
    }

    [Fact]
    public async Task An_unknown_entry_kind_is_rejected_with_a_message()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new EntryFrameReader(new MemoryStream([9, 0])).NextAsync(default));

        Assert.Contains("unknown entry kind 9", ex.Message);
    }
}
