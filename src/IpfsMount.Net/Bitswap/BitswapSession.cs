// A Bitswap fetch session: finds which peers have the data (WANT_HAVE broadcast, HAVE/DONT_HAVE), asks them for
// blocks with WANT_BLOCK spread over the least loaded peers, cancels when a block arrives, and re-asks on timeouts.
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public sealed class BitswapSession : IDisposable
{
    private const int MaxDontHavesForDiscovery = 16;
    private readonly BitswapClient _client;
    private readonly BitswapOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<Multihash, SessionWant> _wants = [];
    private readonly Dictionary<string, SessionPeer> _peers = [];
    private readonly Queue<SessionWant> _waitingForSlot = new();
    private int _nextPriority = int.MaxValue;
    private bool _disposed;

    internal BitswapSession(BitswapClient client, BitswapOptions options)
    {
        _client = client;
        _options = options;
    }

    /// <summary>Wants not yet satisfied.</summary>
    public int PendingWants
    {
        get
        {
            lock (_lock)
                return _wants.Count;
        }
    }

    /// <summary>Blocks each peer delivered in this session (for tests and stats).</summary>
    public IReadOnlyDictionary<string, long> BlocksByPeer
    {
        get
        {
            lock (_lock)
                return _peers.Values.Where(p => p.BlocksReceived > 0).ToDictionary(p => p.Id, p => p.BlocksReceived);
        }
    }

    /// <summary>
    /// Fetches one block from the network. The bytes hash to <paramref name="cid"/>. Throws BlockNotFoundException when
    /// no peer delivered it within <see cref="BitswapOptions.FetchTimeout"/> (<see cref="BitswapOptions.FetchTimeoutWithoutPeers"/>
    /// when no peer is connected as it starts), OperationCanceledException on cancellation.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> GetBlockAsync(Cid cid, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var fetchTimeout = _client.ConnectedPeers.Count == 0 ? _options.FetchTimeoutWithoutPeers : _options.FetchTimeout;
        if (fetchTimeout <= TimeSpan.Zero)
            throw new BlockNotFoundException(cid);
        SessionWant want;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_wants.TryGetValue(cid.Hash, out want!))
            {
                want = new SessionWant(cid, _nextPriority > 1 ? _nextPriority-- : 1);
                _wants[cid.Hash] = want;
                DispatchLocked(want);
            }
            want.Waiters++;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(fetchTimeout);
        try
        {
            return await want.Result.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new BlockNotFoundException(cid);
        }
        finally
        {
            lock (_lock)
            {
                want.Waiters--;
                if (want.Waiters == 0 && !want.Result.Task.IsCompleted && _wants.TryGetValue(cid.Hash, out var w) && ReferenceEquals(w, want))
                    RemoveWantLocked(want);
            }
        }
    }

    internal bool OnBlock(string peer, Multihash hash, ReadOnlyMemory<byte> data)
    {
        SessionWant? want;
        lock (_lock)
        {
            if (!_wants.Remove(hash, out want))
                return false;
            var sp = PeerLocked(peer);
            sp.Useful = true;
            sp.BlocksReceived++;
            if (want.BlockPeer is { } bp && _peers.TryGetValue(bp, out var blockPeer))
            {
                blockPeer.InFlight--;
                if (bp != peer)
                    _client.Send(bp, BitswapWantEntry.CancelOf(want.Cid));
            }
            want.BlockPeer = null;
            CancelUnansweredHavesLocked(want, except: peer);
            PumpLocked();
        }
        want.Result.TrySetResult(data);
        return true;
    }

    internal void OnPresence(string peer, BitswapPresence presence)
    {
        lock (_lock)
        {
            if (!_wants.TryGetValue(presence.Cid.Hash, out var want))
                return;
            var sp = PeerLocked(peer);
            if (presence.Type == BlockPresenceType.Have)
            {
                want.Have.Add(peer);
                sp.Useful = true;
                if (want.BlockPeer is null && !_client.IsBanned(peer))
                {
                    if (sp.InFlight < _options.MaxBlocksInFlightPerPeer)
                        SendWantBlockLocked(want, sp);
                    else
                        QueueLocked(want);
                }
                return;
            }
            want.DontHave.Add(peer);
            sp.DontHaves++;
            if (want.BlockPeer == peer)
            {
                sp.InFlight--;
                want.BlockPeer = null;
                DispatchLocked(want);
                PumpLocked();
            }
        }
    }

    /// <summary>The peer disconnected or was banned: its outstanding requests go elsewhere.</summary>
    internal void OnPeerGone(string peer)
    {
        lock (_lock)
        {
            _peers.Remove(peer);
            foreach (var want in _wants.Values)
            {
                want.Have.Remove(peer);
                if (want.BlockPeer == peer)
                {
                    want.BlockPeer = null;
                    DispatchLocked(want);
                }
            }
            PumpLocked();
        }
    }

    internal void OnPeerConnected(string peer)
    {
        lock (_lock)
        {
            foreach (var want in _wants.Values)
            {
                if (want.BlockPeer is null && !want.Queued)
                    DispatchLocked(want);
            }
        }
    }

    /// <summary>Periodic check: silent peers count as DONT_HAVE; wants nobody could serve are asked again.</summary>
    internal void Tick(long now)
    {
        var peerTimeout = (long)_options.PeerResponseTimeout.TotalMilliseconds;
        lock (_lock)
        {
            foreach (var want in _wants.Values)
            {
                if (want.BlockPeer is { } bp && now - want.BlockRequestedAt > peerTimeout)
                {
                    if (_peers.TryGetValue(bp, out var sp))
                        sp.InFlight--;
                    want.DontHave.Add(bp);
                    want.BlockPeer = null;
                    DispatchLocked(want);
                }
                else if (want.BlockPeer is null && !want.Queued && now - want.LastDispatchAt > peerTimeout / 2)
                {
                    want.AskedHave.Clear();
                    want.DontHave.Clear();
                    DispatchLocked(want);
                }
            }
            PumpLocked();
        }
    }

    private SessionPeer PeerLocked(string peer)
    {
        if (!_peers.TryGetValue(peer, out var sp))
            _peers[peer] = sp = new SessionPeer(peer);
        return sp;
    }

    /// <summary>Sends WANT_BLOCK to the best peer known to have the block, and WANT_HAVE to peers not yet asked.</summary>
    private void DispatchLocked(SessionWant want)
    {
        if (want.Result.Task.IsCompleted || want.BlockPeer is not null)
            return;
        want.LastDispatchAt = Environment.TickCount64;
        var best = PickLocked(want, out var candidates);
        if (best is not null)
            SendWantBlockLocked(want, best);
        else if (candidates)
            QueueLocked(want);
        if (want.Have.Count > 0)
            return;
        foreach (var peer in _client.ConnectedPeers)
        {
            if (_client.IsBanned(peer) || want.AskedHave.Contains(peer) || want.DontHave.Contains(peer) || peer == want.BlockPeer)
                continue;
            if (_peers.TryGetValue(peer, out var sp) && (sp.Useful && best is not null || !sp.Useful && sp.DontHaves >= MaxDontHavesForDiscovery))
                continue;
            want.AskedHave.Add(peer);
            _client.Send(peer, BitswapWantEntry.Want(want.Cid, WantType.Have, want.Priority));
        }
    }

    /// <summary>The least loaded peer that has (or probably has) the block and a free slot; candidates says whether any peer qualified at all.</summary>
    private SessionPeer? PickLocked(SessionWant want, out bool candidates)
    {
        candidates = false;
        SessionPeer? best = null;
        var connected = _client.ConnectedPeers;
        foreach (var sp in _peers.Values)
        {
            var likely = want.Have.Contains(sp.Id) || want.Have.Count == 0 && sp.Useful;
            if (!likely || want.DontHave.Contains(sp.Id) || _client.IsBanned(sp.Id) || !connected.Contains(sp.Id))
                continue;
            candidates = true;
            if (sp.InFlight < _options.MaxBlocksInFlightPerPeer && (best is null || sp.InFlight < best.InFlight))
                best = sp;
        }
        return best;
    }

    private void SendWantBlockLocked(SessionWant want, SessionPeer peer)
    {
        want.BlockPeer = peer.Id;
        want.BlockRequestedAt = Environment.TickCount64;
        want.LastDispatchAt = want.BlockRequestedAt;
        peer.InFlight++;
        _client.Send(peer.Id, BitswapWantEntry.Want(want.Cid, WantType.Block, want.Priority));
    }

    private void QueueLocked(SessionWant want)
    {
        if (want.Queued)
            return;
        want.Queued = true;
        _waitingForSlot.Enqueue(want);
    }

    /// <summary>Gives freed WANT_BLOCK slots to queued wants, oldest first.</summary>
    private void PumpLocked()
    {
        while (_waitingForSlot.TryPeek(out var want))
        {
            if (want.Result.Task.IsCompleted || want.BlockPeer is not null || !_wants.ContainsKey(want.Cid.Hash))
            {
                _waitingForSlot.Dequeue();
                want.Queued = false;
                continue;
            }
            var best = PickLocked(want, out var candidates);
            if (best is null && candidates)
                return;
            _waitingForSlot.Dequeue();
            want.Queued = false;
            if (best is not null)
                SendWantBlockLocked(want, best);
            else
                DispatchLocked(want);
        }
    }

    private void CancelUnansweredHavesLocked(SessionWant want, string except)
    {
        foreach (var p in want.AskedHave)
        {
            if (p != except && !want.Have.Contains(p) && !want.DontHave.Contains(p))
                _client.Send(p, BitswapWantEntry.CancelOf(want.Cid));
        }
    }

    private void RemoveWantLocked(SessionWant want)
    {
        _wants.Remove(want.Cid.Hash);
        if (want.BlockPeer is { } bp)
        {
            if (_peers.TryGetValue(bp, out var sp))
                sp.InFlight--;
            _client.Send(bp, BitswapWantEntry.CancelOf(want.Cid));
            want.BlockPeer = null;
        }
        CancelUnansweredHavesLocked(want, except: "");
        _client.NoteFinished(want.Cid.Hash);
        want.Result.TrySetCanceled();
        PumpLocked();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var want in _wants.Values.ToList())
                RemoveWantLocked(want);
        }
        _client.RemoveSession(this);
    }
}
