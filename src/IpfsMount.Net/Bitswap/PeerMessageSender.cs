// Outbound Bitswap traffic to one peer: queues wants, presences and blocks, packs them into messages of at most
// 4 MiB (bitswap-protocol.md "Protocol Format") and writes them on one reused stream, reopened when it breaks or idles.
using System.Buffers;
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

internal sealed class PeerMessageSender : IAsyncDisposable
{
    private const int MessageOverhead = 64;

    private readonly IBitswapNetwork _network;
    private readonly BitswapOptions _options;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;
    private List<BitswapWantEntry> _wants = [];
    private List<BitswapPresence> _presences = [];
    private readonly Queue<BitswapBlock> _blocks = new();
    private long _pendingBlockBytes;
    private Stream? _stream;
    private BitswapVersion _version = BitswapVersion.V120;

    public PeerMessageSender(string peer, IBitswapNetwork network, BitswapOptions options, Action<string>? drained)
    {
        Peer = peer;
        _network = network;
        _options = options;
        Drained = drained;
        _loop = Task.Run(RunAsync);
    }

    public string Peer { get; }

    /// <summary>Called (on the send loop) when queued block bytes fall below the per-peer limit.</summary>
    public Action<string>? Drained { get; }

    /// <summary>The version negotiated on the last stream (1.2.0 until a stream says otherwise).</summary>
    public BitswapVersion Version => _version;

    /// <summary>Bytes of blocks queued or being written to this peer.</summary>
    public long PendingBlockBytes => Interlocked.Read(ref _pendingBlockBytes);

    public long MessagesSent { get; private set; }

    public void EnqueueWants(IEnumerable<BitswapWantEntry> wants)
    {
        lock (_lock)
            _wants.AddRange(wants);
        _signal.Release();
    }

    public void EnqueueWant(BitswapWantEntry want)
    {
        lock (_lock)
            _wants.Add(want);
        _signal.Release();
    }

    public void EnqueueResponse(IReadOnlyList<BitswapBlock> blocks, IReadOnlyList<BitswapPresence> presences)
    {
        if (blocks.Count == 0 && presences.Count == 0)
            return;
        lock (_lock)
        {
            foreach (var b in blocks)
            {
                _blocks.Enqueue(b);
                _pendingBlockBytes += b.Data.Length;
            }
            _presences.AddRange(presences);
        }
        _signal.Release();
    }

    private async Task RunAsync()
    {
        var ct = _cts.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await _signal.WaitAsync(_options.OutboundStreamIdleTimeout, ct).ConfigureAwait(false))
                {
                    await CloseStreamAsync().ConfigureAwait(false);
                    await _signal.WaitAsync(ct).ConfigureAwait(false);
                }
                while (TakeMessage(out var sentBlockBytes) is { } message)
                {
                    await SendAsync(message, ct).ConfigureAwait(false);
                    if (sentBlockBytes > 0)
                    {
                        var left = Interlocked.Add(ref _pendingBlockBytes, -sentBlockBytes);
                        if (left < _options.MaxPendingBytesPerPeer)
                            Drained?.Invoke(Peer);
                    }
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                break;
            }
        }
        await CloseStreamAsync().ConfigureAwait(false);
    }

    /// <summary>Takes as much queued traffic as fits in one message; null when nothing is queued.</summary>
    private BitswapMessage? TakeMessage(out long blockBytes)
    {
        blockBytes = 0;
        lock (_lock)
        {
            if (_wants.Count == 0 && _presences.Count == 0 && _blocks.Count == 0)
                return null;
            var message = new BitswapMessage();
            var budget = _options.MaxMessageSize - MessageOverhead;
            _wants = TakeWhileFits(_wants, message.Wantlist, e => e.Cid.EncodedLength + 24, ref budget);
            _presences = TakeWhileFits(_presences, message.Presences, p => p.Cid.EncodedLength + 12, ref budget);
            while (_blocks.TryPeek(out var block))
            {
                var size = BitswapMessageCodec.BlockFieldLength(block, _version);
                if (size > budget && message.Blocks.Count > 0)
                    break;
                _blocks.Dequeue();
                budget -= size;
                blockBytes += block.Data.Length;
                message.Blocks.Add(block);
            }
            var pending = _pendingBlockBytes - blockBytes;
            message.PendingBytes = (int)Math.Clamp(pending, 0, int.MaxValue);
            return message;
        }
    }

    private static List<T> TakeWhileFits<T>(List<T> source, List<T> dest, Func<T, int> size, ref int budget)
    {
        var i = 0;
        for (; i < source.Count; i++)
        {
            var s = size(source[i]);
            if (s > budget)
                break;
            budget -= s;
            dest.Add(source[i]);
        }
        if (i == source.Count)
            return [];
        return source.GetRange(i, source.Count - i);
    }

    private async Task SendAsync(BitswapMessage message, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.SendTimeout);
            try
            {
                if (_stream is null)
                {
                    var (stream, protocol) = await _network.OpenStreamAsync(Peer, _options.Protocols, timeout.Token).ConfigureAwait(false);
                    _stream = stream;
                    _version = BitswapProtocols.Parse(protocol);
                }
                await WriteFrameAsync(_stream, Downgrade(message, _version), _version, timeout.Token).ConfigureAwait(false);
                MessagesSent++;
                return;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                await CloseStreamAsync().ConfigureAwait(false);
            }
        }
        // Dropped after two attempts: the client's per-peer timeouts move its wants elsewhere.
    }

    /// <summary>Encodes into a pooled buffer (streams copy what they are given) and writes one length-prefixed frame.</summary>
    private static async Task WriteFrameAsync(Stream stream, BitswapMessage message, BitswapVersion version, CancellationToken ct)
    {
        var bodyLength = BitswapMessageCodec.GetEncodedLength(message, version);
        var header = Varint.Size((ulong)bodyLength);
        var frame = ArrayPool<byte>.Shared.Rent(header + bodyLength);
        try
        {
            Varint.Write(frame, (ulong)bodyLength);
            BitswapMessageCodec.Encode(message, version, frame.AsSpan(header, bodyLength));
            await stream.WriteAsync(frame.AsMemory(0, header + bodyLength), ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Older peers know no WANT_HAVE or presences: ask them for blocks instead.</summary>
    private static BitswapMessage Downgrade(BitswapMessage m, BitswapVersion version)
    {
        if (version == BitswapVersion.V120)
            return m;
        var copy = new BitswapMessage { Full = m.Full };
        foreach (var e in m.Wantlist)
            copy.Wantlist.Add(e.Cancel ? e : e with { WantType = WantType.Block, SendDontHave = false });
        foreach (var b in m.Blocks)
        {
            if (version == BitswapVersion.V100 && !b.Prefix.Span.SequenceEqual(CidPrefix.V0.Span))
                continue; // 1.0.0 carries CIDv0 blocks only
            copy.Blocks.Add(b);
        }
        return copy;
    }

    private async Task CloseStreamAsync()
    {
        var s = _stream;
        _stream = null;
        if (s is null)
            return;
        try
        {
            await s.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // already broken
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // the loop ends on its own
        }
        _cts.Dispose();
    }
}
