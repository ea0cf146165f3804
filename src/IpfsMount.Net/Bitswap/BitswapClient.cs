// Bitswap client: routes received blocks and presences to sessions after hashing each block against the CID its
// prefix names, penalises peers that send blocks nobody asked for (wrong hash), and drives session timeouts.
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public sealed class BitswapClient : IAsyncDisposable
{
    private const int RecentCapacity = 16384;
    private readonly BitswapOptions _options;
    private readonly Func<string, PeerMessageSender?> _senderOf;
    private readonly Lock _lock = new();
    private readonly List<BitswapSession> _sessions = [];
    private readonly Dictionary<string, int> _badBlocks = [];
    private readonly HashSet<string> _banned = [];
    private readonly HashSet<Multihash> _recent = [];
    private readonly Queue<Multihash> _recentOrder = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _ticker;
    private IReadOnlySet<string> _connected = new HashSet<string>();
    private long _blocksReceived, _bytesReceived, _duplicateBlocks, _badBlocksReceived;

    internal BitswapClient(BitswapOptions options, Func<string, PeerMessageSender?> senderOf)
    {
        _options = options;
        _senderOf = senderOf;
        _ticker = Task.Run(TickAsync);
    }

    public long BlocksReceived => Interlocked.Read(ref _blocksReceived);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long DuplicateBlocks => Interlocked.Read(ref _duplicateBlocks);

    /// <summary>Blocks that hashed to nothing we asked for (wrong data, or unsolicited).</summary>
    public long BadBlocksReceived => Interlocked.Read(ref _badBlocksReceived);

    internal IReadOnlySet<string> ConnectedPeers => Volatile.Read(ref _connected);

    public BitswapSession CreateSession()
    {
        var s = new BitswapSession(this, _options);
        lock (_lock)
            _sessions.Add(s);
        return s;
    }

    /// <summary>Whether sessions ignore <paramref name="peer"/> after it sent bad blocks.</summary>
    public bool IsBanned(string peer)
    {
        lock (_lock)
            return _banned.Contains(peer);
    }

    internal void RemoveSession(BitswapSession s)
    {
        lock (_lock)
            _sessions.Remove(s);
    }

    internal void Send(string peer, BitswapWantEntry entry) => _senderOf(peer)?.EnqueueWant(entry);

    internal void NoteFinished(Multihash hash)
    {
        lock (_lock)
        {
            if (!_recent.Add(hash))
                return;
            _recentOrder.Enqueue(hash);
            if (_recentOrder.Count > RecentCapacity)
                _recent.Remove(_recentOrder.Dequeue());
        }
    }

    internal void OnMessage(string peer, BitswapMessage message)
    {
        if (message.Blocks.Count == 0 && message.Presences.Count == 0)
            return;
        var sessions = SessionsSnapshot();
        foreach (var block in message.Blocks)
            OnBlock(peer, block, sessions);
        foreach (var presence in message.Presences)
        {
            foreach (var s in sessions)
                s.OnPresence(peer, presence);
        }
    }

    private void OnBlock(string peer, BitswapBlock block, BitswapSession[] sessions)
    {
        if (!CidPrefix.TryComputeCid(block.Prefix.Span, block.Data.Span, out var cid))
        {
            Penalise(peer, sessions);
            return;
        }
        var delivered = false;
        foreach (var s in sessions)
            delivered |= s.OnBlock(peer, cid.Hash, block.Data);
        if (delivered)
        {
            Interlocked.Increment(ref _blocksReceived);
            Interlocked.Add(ref _bytesReceived, block.Data.Length);
            NoteFinished(cid.Hash);
            return;
        }
        bool recent;
        lock (_lock)
            recent = _recent.Contains(cid.Hash);
        if (recent)
            Interlocked.Increment(ref _duplicateBlocks);
        else
            Penalise(peer, sessions);
    }

    /// <summary>A block that hashes to nothing we wanted: after a few, sessions stop asking this peer.</summary>
    private void Penalise(string peer, BitswapSession[] sessions)
    {
        Interlocked.Increment(ref _badBlocksReceived);
        bool banNow;
        lock (_lock)
        {
            _badBlocks[peer] = _badBlocks.GetValueOrDefault(peer) + 1;
            banNow = _badBlocks[peer] >= _options.MaxBadBlocksPerPeer && _banned.Add(peer);
        }
        if (!banNow)
            return;
        foreach (var s in sessions)
            s.OnPeerGone(peer);
    }

    internal void OnPeerConnected(string peer, IReadOnlySet<string> connectedNow)
    {
        Volatile.Write(ref _connected, connectedNow);
        foreach (var s in SessionsSnapshot())
            s.OnPeerConnected(peer);
    }

    internal void OnPeerDisconnected(string peer, IReadOnlySet<string> connectedNow)
    {
        Volatile.Write(ref _connected, connectedNow);
        foreach (var s in SessionsSnapshot())
            s.OnPeerGone(peer);
    }

    private BitswapSession[] SessionsSnapshot()
    {
        lock (_lock)
            return [.. _sessions];
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                foreach (var s in SessionsSnapshot())
                    s.Tick(now);
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in SessionsSnapshot())
            s.Dispose();
        _cts.Cancel();
        await _ticker.ConfigureAwait(false);
        _cts.Dispose();
    }
}
