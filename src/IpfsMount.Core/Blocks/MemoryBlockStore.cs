// In-memory IBlockStore for tests and small imports; keyed by multihash like Kubo's blockstore,
// so a v0 and a v1 CID of the same block find the same bytes. Blocks are verified on Put (PutVerifiedAsync: by the caller).
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace IpfsMount.Core;

public sealed class MemoryBlockStore : IBlockStore, IPreverifiedBlockSink
{
    private readonly ConcurrentDictionary<Multihash, Entry> _blocks = new();

    public int Count => _blocks.Count;

    public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (!_blocks.TryGetValue(cid.Hash, out var entry)) throw new BlockNotFoundException(cid);
        return ValueTask.FromResult<ReadOnlyMemory<byte>>(entry.Data);
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        BlockVerifier.Verify(cid, data.Span);
        _blocks.TryAdd(cid.Hash, new Entry(cid.Codec, data.ToArray()));
        return ValueTask.CompletedTask;
    }

    public ValueTask PutVerifiedAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        _blocks.TryAdd(cid.Hash, new Entry(cid.Codec, data.ToArray()));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_blocks.ContainsKey(cid.Hash));
    }

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        _blocks.TryRemove(cid.Hash, out _);
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var pair in _blocks)
        {
            ct.ThrowIfCancellationRequested();
            yield return Cid.Create(1, pair.Value.Codec, pair.Key);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed record Entry(ulong Codec, byte[] Data);
}
