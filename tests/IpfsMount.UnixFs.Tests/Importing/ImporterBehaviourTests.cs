// Importer behaviour beyond the vectors: non-seekable streams, option validation, cancellation and I/O errors.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Tests;

public sealed class ImporterBehaviourTests
{
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 10_000));
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter) throw new IOException("disk went away");
            int n = Math.Min(count, failAfter - _read);
            _read += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(1048577)]
    public async Task A_non_seekable_stream_in_small_reads_gives_the_vector_cid(int size)
    {
        var data = InputGenerator.Generate(size);
        var entry = await new UnixFsImporter(new MemoryBlockStore(), ImportOptions.KuboV1)
            .AddFileAsync(new NonSeekableStream(new MemoryStream(data)));
        Assert.Equal(Vectors.Str("files", "kubo-v1", size.ToString(), "cid"), entry.Cid.ToString());
    }

    [Fact]
    public void Invalid_option_combinations_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo with { HashCode = Multicodec.Blake3 }));
        Assert.Throws<ArgumentException>(() => new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo with { MaxLinks = 1 }));
        Assert.Throws<ArgumentException>(() => new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo with { CidVersion = 2 }));
        Assert.Throws<ArgumentException>(() => ImportOptions.FromProfile("nope"));
        Assert.Equal(ImportOptions.UnixFsV1_2025, ImportOptions.FromProfile("unixfs-v1-2025"));
    }

    [Fact]
    public async Task A_read_error_in_the_middle_of_a_file_surfaces_as_that_error()
    {
        var importer = new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo);
        var ex = await Assert.ThrowsAsync<IOException>(() => importer.AddFileAsync(new FailingStream(1_000_000)).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("disk went away", ex.Message);
    }

    [Fact]
    public async Task A_cancelled_import_stops_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var importer = new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            importer.AddFileAsync(new NonSeekableStream(new MemoryStream(new byte[5_000_000])), cts.Token).WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_missing_path_is_reported_clearly()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            new UnixFsImporter(new MemoryBlockStore(), ImportOptions.Kubo).AddPathAsync("/nonexistent/ipfsmount-test", null));
        Assert.Contains("no such file", ex.Message);
    }

    [Fact]
    public async Task Preserved_mode_and_mtime_from_disk_are_stored_and_hidden_files_skipped_by_default()
    {
        using var dir = new TempDir();
        string file = dir.WriteFile("m/x.txt", "x"u8);
        dir.WriteFile("m/.hidden", "h"u8);
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Unix modes need Linux");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetLastWriteTimeUtc(file, new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var store = new MemoryBlockStore();
        var root = await new UnixFsImporter(store, ImportOptions.KuboV1 with { PreserveMode = true, PreserveMtime = true })
            .AddPathAsync(dir.Combine("m"), null);
        var resolver = new UnixFsResolver(store);
        var node = await resolver.ResolveAsync(root.Cid, "x.txt");
        Assert.Equal(0x1C0u, node.Mode);
        Assert.Equal(new UnixFsTime(1704164645), node.Mtime);
        await Assert.ThrowsAsync<UnixFsNotFoundException>(() => resolver.ResolveAsync(root.Cid, ".hidden"));
        var withHidden = await new UnixFsImporter(store, ImportOptions.KuboV1 with { IncludeHidden = true }).AddPathAsync(dir.Combine("m"), null);
        Assert.Equal(1, (await resolver.ResolveAsync(withHidden.Cid, ".hidden")).Size);
    }
}
