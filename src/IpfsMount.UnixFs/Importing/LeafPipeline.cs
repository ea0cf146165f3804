// The importer's leaf pipeline: a few workers each take the next chunk of the file (reads are serialised, in file
// order), encode and hash it in parallel with the others, and publish it under its sequence number; the layout
// receives the leaves back in file order. No hand-off between a reader and hashers, so loaded machines cost less.
using System.Buffers;
using System.Collections.Concurrent;

namespace IpfsMount.UnixFs;

/// <summary>
/// Streams the leaves of one file. Memory is bounded: at most <c>window</c> chunks are read ahead of the layout.
/// The output order is the file order whatever order the hashing finishes in, so CIDs are deterministic.
/// </summary>
internal sealed class LeafPipeline : ILeafSource, IAsyncDisposable
{
    private readonly IChunker _chunker;
    private readonly LeafEncoder _encoder;
    private readonly bool _keepFirstChunk;
    private readonly CancellationTokenSource _cts;
    private readonly SemaphoreSlim _window;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<LeafResult?>> _results = new();
    private readonly Task[] _workers;
    private long _nextRead;
    private long _nextConsume;
    private bool _ended;
    private LeafResult? _peeked;
    private bool _peekedValid;

    public LeafPipeline(IChunker chunker, LeafEncoder encoder, int concurrency, bool keepFirstChunk, CancellationToken ct)
    {
        _chunker = chunker;
        _encoder = encoder;
        _keepFirstChunk = keepFirstChunk;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int workers = Math.Max(1, Math.Min(concurrency, Environment.ProcessorCount));
        _window = new SemaphoreSlim(Math.Max(concurrency, workers) + 1);
        _workers = new Task[workers];
        for (int i = 0; i < workers; i++) _workers[i] = Task.Run(WorkAsync);
    }

    public async ValueTask<LeafResult?> NextAsync()
    {
        if (_peekedValid)
        {
            _peekedValid = false;
            return _peeked;
        }
        return await ReadAsync().ConfigureAwait(false);
    }

    public async ValueTask<bool> HasMoreAsync()
    {
        if (!_peekedValid)
        {
            _peeked = await ReadAsync().ConfigureAwait(false);
            _peekedValid = true;
        }
        return _peeked is not null;
    }

    private async ValueTask<LeafResult?> ReadAsync()
    {
        long seq = _nextConsume;
        var slot = _results.GetOrAdd(seq, static _ => NewSlot());
        var result = await slot.Task.WaitAsync(_cts.Token).ConfigureAwait(false);
        if (result is null) return null; // end of file: leave the slot so repeated calls keep answering null
        _results.TryRemove(seq, out _);
        _nextConsume = seq + 1;
        _window.Release();
        return result;
    }

    private static TaskCompletionSource<LeafResult?> NewSlot() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WorkAsync()
    {
        var ct = _cts.Token;
        int bufferSize = LeafEncoder.HeaderRoom + _chunker.MaxChunkSize + LeafEncoder.TrailerRoom;
        while (!ct.IsCancellationRequested)
        {
            await _window.WaitAsync(ct).ConfigureAwait(false);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
            long seq = -1;
            try
            {
                int n;
                await _readGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    if (_ended) return;
                    seq = _nextRead++;
                    n = await _chunker.ReadChunkAsync(buffer.AsMemory(LeafEncoder.HeaderRoom, _chunker.MaxChunkSize), ct)
                        .ConfigureAwait(false);
                    if (n == 0 && seq > 0)
                    {
                        _ended = true;
                        _results.GetOrAdd(seq, static _ => NewSlot()).TrySetResult(null);
                        return;
                    }
                    if (n == 0) _ended = true; // an empty file still has one (empty) leaf
                }
                finally
                {
                    _readGate.Release();
                }
                var leaf = await _encoder.EncodeAsync(buffer, n, seq == 0 && _keepFirstChunk, ct).ConfigureAwait(false);
                _results.GetOrAdd(seq, static _ => NewSlot()).TrySetResult(leaf);
                if (n == 0)
                {
                    _results.GetOrAdd(seq + 1, static _ => NewSlot()).TrySetResult(null);
                    return;
                }
            }
            catch (Exception e)
            {
                _ended = true;
                if (seq >= 0) _results.GetOrAdd(seq, static _ => NewSlot()).TrySetException(e);
                else if (e is not OperationCanceledException) _results.GetOrAdd(_nextRead, static _ => NewSlot()).TrySetException(e);
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Workers report their errors through the result slots; after cancellation nothing is left to report.
        }
        _cts.Dispose();
    }
}
