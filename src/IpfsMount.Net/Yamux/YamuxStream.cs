// One Yamux stream as a System.IO.Stream: receive buffer bounded by the advertised window, send side
// blocked by the peer's window, FIN/RST semantics. Spec: hashicorp/yamux spec.md (flow control, stream close).
using System.Buffers;
using System.Diagnostics;
using IpfsMount.Net.Identity;

namespace IpfsMount.Net.Yamux;

/// <summary>A multiplexed, flow-controlled byte stream to a remote peer.</summary>
public sealed class YamuxStream : Stream
{
    private readonly YamuxSession _session;
    private readonly object _lock = new();
    private readonly Queue<(byte[] Array, int Count)> _segments = new();
    private int _headOffset;
    private TaskCompletionSource? _readWaiter, _writeWaiter;
    private long _sendWindow = YamuxOptions.InitialWindow;
    private long _receiveCredit = YamuxOptions.InitialWindow;
    private int _receiveWindow = YamuxOptions.InitialWindow;
    private int _unacknowledged;
    private int _unflushed;
    private long _lastUpdateTimestamp = Stopwatch.GetTimestamp();
    private bool _remoteClosed, _localClosed, _readClosed, _disposed;
    private string? _resetReason;

    internal YamuxStream(YamuxSession session, uint id)
    {
        _session = session;
        Id = id;
    }

    /// <summary>Bytes a stream may have queued for the socket before WriteAsync waits.</summary>
    public const int MaxUnflushedBytes = 1024 * 1024;

    public uint Id { get; }

    public PeerId RemotePeer => _session.RemotePeer;

    /// <summary>The protocol negotiated on this stream (set by the host after multistream-select).</summary>
    public string? Protocol { get; set; }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException("a Yamux stream has no length");
    public override long Position
    {
        get => throw new NotSupportedException("a Yamux stream cannot seek");
        set => throw new NotSupportedException("a Yamux stream cannot seek");
    }

    /// <summary>Receive-window bytes granted beyond the initial window (reserved from the session budget).</summary>
    internal int WindowGrowth { get { lock (_lock) return _receiveWindow - YamuxOptions.InitialWindow; } }

    internal bool IsFinished { get { lock (_lock) return _resetReason is not null || (_localClosed && _remoteClosed); } }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0) return 0;
        while (true)
        {
            Task wait;
            uint update = 0;
            int copied = 0;
            lock (_lock)
            {
                if (_segments.Count > 0)
                {
                    copied = CopyOut(buffer.Span);
                    update = TakeWindowUpdate();
                }
                else if (_resetReason is not null)
                {
                    throw new YamuxStreamResetException($"stream {Id} to {RemotePeer} was reset: {_resetReason}");
                }
                else if (_remoteClosed || _readClosed)
                {
                    return 0;
                }
                _readWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _readWaiter.Task;
            }
            if (copied > 0)
            {
                if (update > 0) _session.SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, Id, update));
                return copied;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private int CopyOut(Span<byte> dest)
    {
        int copied = 0;
        while (dest.Length > copied && _segments.Count > 0)
        {
            var (array, count) = _segments.Peek();
            int n = Math.Min(count - _headOffset, dest.Length - copied);
            array.AsSpan(_headOffset, n).CopyTo(dest[copied..]);
            copied += n;
            _headOffset += n;
            if (_headOffset == count)
            {
                _segments.Dequeue();
                ArrayPool<byte>.Shared.Return(array);
                _headOffset = 0;
            }
        }
        _unacknowledged += copied;
        return copied;
    }

    /// <summary>Window update to send once half the window is consumed; doubles the window when consumed quickly.</summary>
    private uint TakeWindowUpdate()
    {
        if (_remoteClosed || _unacknowledged < _receiveWindow / 2) return 0;
        long now = Stopwatch.GetTimestamp();
        int growth = 0;
        var options = _session.Options;
        if (_receiveWindow < options.MaxStreamWindow
            && Stopwatch.GetElapsedTime(_lastUpdateTimestamp, now) < options.WindowGrowthInterval
            && _session.TryReserveWindowGrowth(_receiveWindow))
        {
            growth = _receiveWindow;
            _receiveWindow += growth;
        }
        uint delta = (uint)(_unacknowledged + growth);
        _receiveCredit += delta;
        _unacknowledged = 0;
        _lastUpdateTimestamp = now;
        return delta;
    }

    /// <summary>
    /// Copies data into pooled frames queued for the session writer and returns without waiting for the socket,
    /// so one stream keeps the connection busy. Blocks on the peer's window and when
    /// <see cref="MaxUnflushedBytes"/> are queued but not yet written (bounded buffering).
    /// </summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            int take = 0;
            Task? wait = null;
            lock (_lock)
            {
                ThrowIfNotWritable();
                if (_sendWindow > 0 && _unflushed < MaxUnflushedBytes)
                {
                    take = (int)Math.Min(Math.Min(buffer.Length, _sendWindow), MaxUnflushedBytes - _unflushed);
                    _sendWindow -= take;
                    _unflushed += take;
                }
                else
                {
                    _writeWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _writeWaiter.Task;
                }
            }
            if (wait is not null)
            {
                await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            var chunk = buffer.Span[..take];
            while (chunk.Length > 0)
            {
                int n = Math.Min(chunk.Length, _session.Options.MaxFrameSize);
                var pooled = ArrayPool<byte>.Shared.Rent(n);
                chunk[..n].CopyTo(pooled);
                _session.EnqueueData(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.None, Id, (uint)n), pooled, this);
                chunk = chunk[n..];
            }
            buffer = buffer[take..];
        }
    }

    /// <summary>Waits until every byte written so far is on the socket.</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_unflushed == 0) return;
                if (_resetReason is not null)
                    throw new YamuxStreamResetException($"stream {Id} to {RemotePeer} was reset: {_resetReason}");
                _writeWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _writeWaiter.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowIfNotWritable()
    {
        if (_resetReason is not null)
            throw new YamuxStreamResetException($"stream {Id} to {RemotePeer} was reset: {_resetReason}");
        if (_localClosed) throw new InvalidOperationException($"stream {Id} was closed for writing");
    }

    internal void OnFlushed(int bytes)
    {
        lock (_lock)
        {
            _unflushed -= bytes;
            _writeWaiter?.TrySetResult();
            _writeWaiter = null;
        }
    }

    /// <summary>Half-closes: sends FIN; reads continue until the remote closes too.</summary>
    public Task CloseWriteAsync()
    {
        lock (_lock)
        {
            if (_localClosed || _resetReason is not null) return Task.CompletedTask;
            _localClosed = true;
            _writeWaiter?.TrySetResult();
        }
        _session.SendControl(new YamuxHeader(YamuxFrameType.Data, YamuxFlags.Fin, Id, 0));
        _session.RemoveIfFinished(this);
        return Task.CompletedTask;
    }

    /// <summary>Aborts both directions and tells the remote (RST).</summary>
    public void Reset(string reason = "reset by local peer")
    {
        bool send;
        lock (_lock)
        {
            send = _resetReason is null && !(_localClosed && _remoteClosed);
            _resetReason ??= reason;
            WakeAll();
        }
        if (send) _session.SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.Rst, Id, 0));
        _session.RemoveIfFinished(this);
    }

    // ---- called by the session's read loop ----

    internal bool TryReserveReceive(int length)
    {
        lock (_lock)
        {
            if (length > _receiveCredit) return false;
            _receiveCredit -= length;
            return true;
        }
    }

    /// <summary>Takes ownership of a pooled buffer; returns the bytes to re-credit when the data is discarded.</summary>
    internal int Enqueue(byte[] array, int count)
    {
        lock (_lock)
        {
            if (_resetReason is null && !_readClosed)
            {
                _segments.Enqueue((array, count));
                _readWaiter?.TrySetResult();
                _readWaiter = null;
                return 0;
            }
        }
        ArrayPool<byte>.Shared.Return(array);
        lock (_lock)
        {
            _receiveCredit += count;
        }
        return count;
    }

    internal void OnWindowUpdate(uint delta)
    {
        lock (_lock)
        {
            _sendWindow += delta;
            _writeWaiter?.TrySetResult();
            _writeWaiter = null;
        }
    }

    internal void OnRemoteFin()
    {
        lock (_lock)
        {
            _remoteClosed = true;
            _readWaiter?.TrySetResult();
            _readWaiter = null;
        }
    }

    internal void OnReset(string reason)
    {
        lock (_lock)
        {
            _resetReason ??= reason;
            WakeAll();
        }
    }

    private void WakeAll()
    {
        _readWaiter?.TrySetResult();
        _readWaiter = null;
        _writeWaiter?.TrySetResult();
        _writeWaiter = null;
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a Yamux stream cannot seek");

    public override void SetLength(long value) => throw new NotSupportedException("a Yamux stream has no length");

    /// <summary>Closes for writing (FIN), stops reading and frees buffered data.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            uint credit = 0;
            lock (_lock)
            {
                if (_disposed) return;
                _disposed = true;
                _readClosed = true;
                int freed = -_headOffset;
                while (_segments.Count > 0)
                {
                    var s = _segments.Dequeue();
                    freed += s.Count;
                    ArrayPool<byte>.Shared.Return(s.Array);
                }
                _headOffset = 0;
                _unacknowledged += freed;
                if (!_remoteClosed && _resetReason is null && _unacknowledged > 0)
                {
                    credit = (uint)_unacknowledged;
                    _receiveCredit += credit;
                    _unacknowledged = 0;
                }
                _readWaiter?.TrySetResult();
                _readWaiter = null;
            }
            if (credit > 0) _session.SendControl(new YamuxHeader(YamuxFrameType.WindowUpdate, YamuxFlags.None, Id, credit));
            CloseWriteAsync();
        }
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
