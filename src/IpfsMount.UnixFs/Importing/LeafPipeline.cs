// The importer's leaf pipeline: one reader fills pooled chunk buffers in file order, leaves are encoded and hashed
// on the thread pool (bounded in-flight work), and the layout receives them back in file order.
using System.Buffers;
using System.Threading.Channels;

namespace IpfsMount.UnixFs;

/// <summary>
/// Streams the leaves of one file. Memory is bounded: at most <c>concurrency + 2</c> chunk buffers exist at a time.
/// The output order is the file order whatever order the hashing finishes in, so CIDs are deterministic.
/// </summary>
internal sealed class LeafPipeline : ILeafSource, IAsyncDisposable
{
    private readonly IChunker _chunker;
    private readonly LeafEncoder _encoder;
    private readonly bool _keepFirstChunk;
    private readonly Channel<Task<LeafResult>> _queue;
    private readonly CancellationTokenSource _cts;
    private readonly Task _producer;
    private LeafResult? _peeked;

    public LeafPipeline(IChunker chunker, LeafEncoder encoder, int concurrency, bool keepFirstChunk, CancellationToken ct)
    {
        _chunker = chunker;
        _encoder = encoder;
        _keepFirstChunk = keepFirstChunk;
        _queue = Channel.CreateBounded<Task<LeafResult>>(new BoundedChannelOptions(Math.Max(1, concurrency))
        {
            SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _producer = Task.Run(ProduceAsync);
    }

    /// <summary>The next leaf in file order, or null after the last. A file always has at least one leaf.</summary>
    public async ValueTask<LeafResult?> NextAsync()
    {
        if (_peeked is { } p)
        {
            _peeked = null;
            return p;
        }
        return await ReadAsync().ConfigureAwait(false);
    }

    /// <summary>Whether another leaf follows, without consuming it.</summary>
    public async ValueTask<bool> HasMoreAsync()
    {
        _peeked ??= await ReadAsync().ConfigureAwait(false);
        return _peeked is not null;
    }

    private async ValueTask<LeafResult?> ReadAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(_cts.Token).ConfigureAwait(false))
        {
            if (reader.TryRead(out var task)) return await task.ConfigureAwait(false);
        }
        return null;
    }

    private async Task ProduceAsync()
    {
        var ct = _cts.Token;
        int bufferSize = LeafEncoder.HeaderRoom + _chunker.MaxChunkSize + LeafEncoder.TrailerRoom;
        try
        {
            for (long seq = 0; ; seq++)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
                int n;
                try
                {
                    n = await _chunker.ReadChunkAsync(buffer.AsMemory(LeafEncoder.HeaderRoom, _chunker.MaxChunkSize), ct)
                        .ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
                if (n == 0 && seq > 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                bool keep = seq == 0 && _keepFirstChunk;
                var task = Task.Run(async () =>
                {
                    try
                    {
                        return await _encoder.EncodeAsync(buffer, n, keep, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }, ct);
                await _queue.Writer.WriteAsync(task, ct).ConfigureAwait(false);
                if (n == 0) break;
            }
            _queue.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The producer reports its errors through the channel; nothing more to do here.
        }
        while (_queue.Reader.TryRead(out var pending))
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Abandoned leaf after an error or cancellation: its buffer is back in the pool, which is all we need.
            }
        }
        _cts.Dispose();
    }
}
