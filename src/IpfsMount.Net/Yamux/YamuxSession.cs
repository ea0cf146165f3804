// A Yamux session over a secure channel: one read loop demultiplexing frames to streams, one write loop
// batching frames into few encrypted socket writes. Spec: hashicorp/yamux spec.md (/yamux/1.0.0 in libp2p).
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using IpfsMount.Net.Identity;
using IpfsMount.Net.Noise;

namespace IpfsMount.Net.Yamux;

/// <summary>Multiplexes many <see cref="YamuxStream"/>s over one <see cref="NoiseSecureChannel"/>.</summary>
public sealed class YamuxSession : IAsyncDisposable
{
    public const string ProtocolId = "/yamux/1.0.0";
    private const int MaxBatchBytes = 2 * 1024 * 1024;
    private const int ReadChunk = 256 * 1024;

    private readonly NoiseSecureChannel _channel;
    private readonly bool _isClient;
    private readonly ConcurrentDictionary<uint, YamuxStream> _streams = new();
    private readonly Channel<OutboundFrame> _outbound = Channel.CreateUnbounded<OutboundFrame>(new() { SingleReader = true });
    private readonly Channel<YamuxStream> _accepted = Channel.CreateUnbounded<YamuxStream>();
    private readonly ConcurrentDictionary<uint, TaskCompletionSource> _pings = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _nextStreamId;
    private int _nextPingId;
    private int _inboundCount;
    private long _windowGrowth;
    private int _terminated;
    private volatile bool _remoteGoingAway;
    private Task? _readLoop, _writeLoop;

    public YamuxSession(NoiseSecureChannel channel, bool isClient, YamuxOptions? options = null)
    {
        _channel = channel;
        _isClient = isClient;
        Options = options ?? YamuxOptions.Default;
        _nextStreamId = isClient ? 1u : 2u;
    }

    public YamuxOptions Options { get; }

    public PeerId RemotePeer => _channel.RemotePeer;

    public int StreamCount => _streams.Count;

    public bool IsClosed => Volatile.Read(ref _terminated) != 0;

    /// <summary>Completes when the session ends; the result is the error that ended it, or null.</summary>
    public Task<Exception?> Completion => _completion.Task;

    public void Start()
    {
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Opens a stream (SYN); data may be written at once, before the remote's ACK.</summary>
    public YamuxStream OpenStream()
    {
        if (IsClosed) throw new YamuxException($"session to {RemotePeer} is closed");
        if (_remoteGoingAway) throw new YamuxException($"peer {RemotePeer} is going away and accepts no new streams");
        uint id = Interlocked.Add(ref _nextStreamId, 2) - 2;
        var stream = new YamuxStream(this, id);
        _streams[id] = stream;
        SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Syn, id, 0));
        return stream;
    }

    /// <summary>Waits for the next stream the remote opens; throws once the session is closed.</summary>
    public async ValueTask<YamuxStream> AcceptStreamAsync(CancellationToken ct)
    {
        try
        {
            return await _accepted.Reader.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new YamuxException($"session to {RemotePeer} is closed");
        }
    }

    /// <summary>Measures a round trip with a Yamux ping frame.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken ct)
    {
        uint id = (uint)Interlocked.Increment(ref _nextPingId);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[id] = tcs;
        long start = Stopwatch.GetTimestamp();
        try
        {
            SendControl(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Syn, 0, id));
            await tcs.Task.WaitAsync(ct).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(start);
        }
        finally
        {
            _pings.TryRemove(id, out _);
        }
    }

    internal void SendControl(YamuxHeader header)
    {
        if (!_outbound.Writer.TryWrite(new OutboundFrame(header, null, null)))
        {
            // Session closed: control frames are moot.
        }
    }

    /// <summary>Queues a data frame in a pooled buffer; the owner hears when it reached the socket.</summary>
    internal void EnqueueData(YamuxHeader header, byte[] pooled, YamuxStream owner)
    {
        if (!_outbound.Writer.TryWrite(new OutboundFrame(header, pooled, owner)))
        {
            ArrayPool<byte>.Shared.Return(pooled);
            throw new YamuxStreamResetException($"session to {RemotePeer} is closed");
        }
    }

    internal bool TryReserveWindowGrowth(long bytes)
    {
        if (Interlocked.Add(ref _windowGrowth, bytes) <= Options.MaxSessionWindow) return true;
        Interlocked.Add(ref _windowGrowth, -bytes);
        return false;
    }

    internal void RemoveIfFinished(YamuxStream stream)
    {
        if (!stream.IsFinished || !_streams.TryRemove(stream.Id, out _)) return;
        Interlocked.Add(ref _windowGrowth, -stream.WindowGrowth);
        if (IsRemoteInitiated(stream.Id)) Interlocked.Decrement(ref _inboundCount);
    }

    private bool IsRemoteInitiated(uint id) => (id % 2 == 1) != _isClient;

    private async Task WriteLoopAsync()
    {
        var header = new byte[YamuxHeader.Size];
        var batch = new List<OutboundFrame>();
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                int bytes = 0;
                while (bytes < MaxBatchBytes && reader.TryRead(out var frame))
                {
                    batch.Add(frame);
                    frame.Header.WriteTo(header);
                    await _channel.WriteAsync(header, _closing.Token).ConfigureAwait(false);
                    if (frame.Pooled is not null)
                        await _channel.WriteAsync(frame.Pooled.AsMemory(0, (int)frame.Header.Length), _closing.Token).ConfigureAwait(false);
                    bytes += YamuxHeader.Size + (int)frame.Header.Length;
                }
                await _channel.FlushAsync(_closing.Token).ConfigureAwait(false);
                foreach (var done in batch) done.Release(flushed: true);
                batch.Clear();
            }
        }
        catch (Exception e)
        {
            foreach (var done in batch) done.Release(flushed: false);
            Terminate(e is OperationCanceledException ? null : e);
        }
        while (reader.TryRead(out var left)) left.Release(flushed: false);
    }

    private async Task ReadLoopAsync()
    {
        var headerBytes = new byte[YamuxHeader.Size];
        Exception? error = null;
        try
        {
            while (true)
            {
                int first = await _channel.ReadAsync(headerBytes, _closing.Token).ConfigureAwait(false);
                if (first == 0) break;
                if (first < YamuxHeader.Size) await _channel.ReadExactlyAsync(headerBytes.AsMemory(first), _closing.Token).ConfigureAwait(false);
                var h = YamuxHeader.Read(headerBytes);
                switch (h.Type)
                {
                    case YamuxFrameType.Data: await HandleDataAsync(h).ConfigureAwait(false); break;
                    case YamuxFrameType.WindowUpdate: HandleWindowUpdate(h); break;
                    case YamuxFrameType.Ping: HandlePing(h); break;
                    case YamuxFrameType.GoAway: _remoteGoingAway = true; break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            error = e;
            if (e is YamuxException) SendControl(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, 1));
        }
        Terminate(error);
    }

    private async ValueTask HandleDataAsync(YamuxHeader h)
    {
        var stream = StreamFor(h);
        int remaining = checked((int)Math.Min(h.Length, int.MaxValue));
        if (stream is not null && !stream.TryReserveReceive(remaining))
            throw new YamuxException($"peer {RemotePeer} sent {remaining} bytes on stream {h.StreamId}, more than its window allows");
        int recredit = 0;
        while (remaining > 0)
        {
            int n = Math.Min(remaining, ReadChunk);
            var buffer = ArrayPool<byte>.Shared.Rent(n);
            try
            {
                await _channel.ReadExactlyAsync(buffer.AsMemory(0, n), _closing.Token).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
            remaining -= n;
            if (stream is null) ArrayPool<byte>.Shared.Return(buffer);
            else recredit += stream.Enqueue(buffer, n);
        }
        if (recredit > 0 && stream is not null && (h.Flags & (YamuxFlags.Fin | YamuxFlags.Rst)) == 0)
            SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, stream.Id, (uint)recredit));
        ApplyCloseFlags(stream, h.Flags);
    }

    private void HandleWindowUpdate(YamuxHeader h)
    {
        var stream = StreamFor(h);
        if (stream is null) return;
        if (h.Length > 0) stream.OnWindowUpdate(h.Length);
        ApplyCloseFlags(stream, h.Flags);
    }

    private void HandlePing(YamuxHeader h)
    {
        if ((h.Flags & YamuxFlags.Syn) != 0)
            SendControl(new YamuxHeader(YamuxFrameType.Ping, YamuxFlags.Ack, 0, h.Length));
        else if ((h.Flags & YamuxFlags.Ack) != 0 && _pings.TryGetValue(h.Length, out var tcs))
            tcs.TrySetResult();
    }

    /// <summary>Finds the frame's stream, creating it for a SYN; null for frames of streams already gone.</summary>
    private YamuxStream? StreamFor(YamuxHeader h)
    {
        if ((h.Flags & YamuxFlags.Syn) == 0)
            return _streams.TryGetValue(h.StreamId, out var known) ? known : null;
        if (h.StreamId == 0 || !IsRemoteInitiated(h.StreamId))
            throw new YamuxException($"peer {RemotePeer} opened stream {h.StreamId}, which has the wrong parity for its side");
        if (_streams.ContainsKey(h.StreamId))
            throw new YamuxException($"peer {RemotePeer} opened stream {h.StreamId} twice");
        if (Interlocked.Increment(ref _inboundCount) > Options.MaxInboundStreams || IsClosed)
        {
            Interlocked.Decrement(ref _inboundCount);
            SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, h.StreamId, 0));
            return null;
        }
        var stream = new YamuxStream(this, h.StreamId);
        _streams[h.StreamId] = stream;
        SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Ack, h.StreamId, 0));
        _accepted.Writer.TryWrite(stream);
        return stream;
    }

    private void ApplyCloseFlags(YamuxStream? stream, YamuxFlags flags)
    {
        if (stream is null) return;
        if ((flags & YamuxFlags.Rst) != 0) stream.OnReset("reset by remote peer");
        else if ((flags & YamuxFlags.Fin) != 0) stream.OnRemoteFin();
        else return;
        RemoveIfFinished(stream);
    }

    private void Terminate(Exception? error)
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0) return;
        _outbound.Writer.TryComplete();
        _accepted.Writer.TryComplete();
        string reason = error is null ? "session closed" : "session failed: " + error.Message;
        foreach (var s in _streams.Values) s.OnReset(reason);
        _streams.Clear();
        foreach (var p in _pings.Values) p.TrySetException(new YamuxException($"session to {RemotePeer} closed before the ping answer"));
        _closing.Cancel();
        _ = _channel.DisposeAsync().AsTask().ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        _completion.TrySetResult(error);
    }

    /// <summary>Sends GoAway, flushes what is queued, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!IsClosed)
        {
            SendControl(new YamuxHeader(YamuxFrameType.GoAway, YamuxFlags.None, 0, 0));
            _outbound.Writer.TryComplete();
            if (_writeLoop is not null)
                await Task.WhenAny(_writeLoop, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        }
        Terminate(null);
        if (_readLoop is not null) await Task.WhenAny(_readLoop, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
    }

    private sealed record OutboundFrame(YamuxHeader Header, byte[]? Pooled, YamuxStream? Owner)
    {
        public void Release(bool flushed)
        {
            if (Pooled is not null) ArrayPool<byte>.Shared.Return(Pooled);
            if (flushed) Owner?.OnFlushed((int)Header.Length);
        }
    }
}
