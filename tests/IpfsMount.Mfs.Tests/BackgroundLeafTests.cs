// A leaf written up to its end is hashed and stored in the background while writes go on: the tests hold the
// store's puts back to check reads, overwrites, truncation and failures of leaves still in flight.
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs.Tests;

public sealed class BackgroundLeafTests
{
    private static readonly MfsLayout Small = MfsLayout.KuboV0 with { ChunkSize = 1024, MaxLinks = 8 };

    [Fact]
    public async Task Full_leaves_are_stored_before_any_flush_and_the_file_gets_the_importer_cid()
    {
        var store = new CountingBlockStore(new MemoryBlockStore());
        await using var tree = await Trees.NewAsync(store, Small);
        var data = InputGenerator.Generate(1024 * 50 + 300, 3);
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.ReadWrite | MfsOpenFlags.Create))
        {
            for (int off = 0; off < data.Length; off += 1024) await h.WriteAsync(off, data.AsMemory(off, Math.Min(1024, data.Length - off)));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (store.Puts < 50 && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.Equal(50, store.Puts); // every full leaf, nothing else: no flush has run
            Assert.Equal(data, await ReadAllAsync(h, data.Length));
        }
        await tree.CommitAsync();
        Assert.Equal(data, await tree.ReadAllAsync("/f"));
        Assert.Equal(await ImporterCidAsync(data), (await tree.StatAsync("/f")).Cid);
    }

    [Fact]
    public async Task Overwriting_a_leaf_still_being_stored_keeps_the_new_bytes_and_the_cid_of_the_final_content()
    {
        var store = new GatedBlockStore();
        await using var tree = await Trees.NewAsync(store, Small);
        var data = InputGenerator.Generate(1024 * 3, 4);
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.ReadWrite | MfsOpenFlags.Create))
        {
            store.Hold();
            await h.WriteAsync(0, data); // three full leaves go to the background and wait there
            data[1500] = 0xAB;
            data[100] = 0xCD;
            await h.WriteAsync(1500, data.AsMemory(1500, 1));
            await h.WriteAsync(100, data.AsMemory(100, 1));
            Assert.Equal(data, await ReadAllAsync(h, data.Length)); // served from the leaves' buffers
            store.Release();
        }
        await tree.CommitAsync();
        Assert.Equal(data, await tree.ReadAllAsync("/f"));
        Assert.Equal(await ImporterCidAsync(data), (await tree.StatAsync("/f")).Cid);
    }

    [Fact]
    public async Task Truncating_into_a_leaf_being_stored_then_extending_reads_zeros_past_the_cut()
    {
        var store = new GatedBlockStore();
        await using var tree = await Trees.NewAsync(store, Small);
        var data = InputGenerator.Generate(1024 * 2, 5);
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.ReadWrite | MfsOpenFlags.Create))
        {
            store.Hold();
            await h.WriteAsync(0, data);
            await h.TruncateAsync(1536);
            await h.WriteAsync(3072, new byte[] { 7 });
            store.Release();
        }
        var expected = new byte[3073];
        data.AsSpan(0, 1536).CopyTo(expected);
        expected[3072] = 7;
        await tree.CommitAsync();
        Assert.Equal(expected, await tree.ReadAllAsync("/f"));
        Assert.Equal(await ImporterCidAsync(expected), (await tree.StatAsync("/f")).Cid);
    }

    [Fact]
    public async Task A_background_store_that_fails_is_reported_by_the_next_commit_and_a_retry_keeps_every_byte()
    {
        var store = new GatedBlockStore();
        await using var tree = await Trees.NewAsync(store, Small);
        var data = InputGenerator.Generate(1024 * 4 + 10, 6);
        await using (var h = await tree.OpenAsync("/f", MfsOpenFlags.ReadWrite | MfsOpenFlags.Create))
        {
            store.Failing = true;
            await h.WriteAsync(0, data);
            var e = await Assert.ThrowsAsync<IOException>(() => tree.CommitAsync());
            Assert.Contains("disk full", e.Message);
            store.Failing = false;
            Assert.Equal(data, await ReadAllAsync(h, data.Length));
        }
        await tree.CommitAsync();
        Assert.Equal(data, await tree.ReadAllAsync("/f"));
        Assert.Equal(await ImporterCidAsync(data), (await tree.StatAsync("/f")).Cid);
    }

    private static async Task<byte[]> ReadAllAsync(MfsFileHandle h, int length)
    {
        var buffer = new byte[length + 10];
        int n = 0;
        while (n < buffer.Length && await h.ReadAsync(n, buffer.AsMemory(n)) is var got and > 0) n += got;
        return buffer[..n];
    }

    private static async Task<Cid> ImporterCidAsync(byte[] data)
    {
        var options = ImportOptions.Kubo with { Chunker = $"size-{Small.ChunkSize}", MaxLinks = Small.MaxLinks };
        using var input = new MemoryStream(data);
        return (await new UnixFsImporter(new MemoryBlockStore(), options).AddFileAsync(input)).Cid;
    }

    /// <summary>A memory store whose puts can be held back (Hold/Release) or made to fail like a full disk.</summary>
    private sealed class GatedBlockStore : IBlockStore
    {
        private readonly MemoryBlockStore _inner = new();
        private TaskCompletionSource _open = CompletedGate();

        public bool Failing { get; set; }

        public void Hold() => Volatile.Write(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void Release() => Volatile.Read(ref _open).TrySetResult();

        public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default) => _inner.GetAsync(cid, ct);

        public async ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
        {
            await Volatile.Read(ref _open).Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            if (Failing) throw new IOException("disk full (test)");
            await _inner.PutAsync(cid, data, ct);
        }

        public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => _inner.HasAsync(cid, ct);
        public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => _inner.DeleteAsync(cid, ct);

        public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var c in _inner.AllKeysAsync(ct)) yield return c;
        }

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}
