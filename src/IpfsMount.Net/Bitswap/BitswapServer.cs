// Bitswap server: answers peers' wantlists from the local block store with blocks, HAVE and DONT_HAVE
// (bitswap-protocol.md 1.2.0 interaction pattern), serving peers round-robin with bounded bytes queued per peer.
using System.Threading.Channels;
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public sealed class BitswapServer : IAsyncDisposable
{
    private const int MaxEntriesPerTurn = 64;
    private readonly IBlockStore _store;
    private readonly BitswapOptions _options;
    private readonly Func<string, PeerMessageSender?> _senderOf;
    private readonly Dictionary<string, PeerLedger> _ledgers = [];
    private readonly Lock _lock = new();
    private readonly Channel<PeerLedger> _ready = Channel.CreateUnbounded<PeerLedger>();
    private readonly CancellationTokenSource _cts = new();
    private readonly Task[] _workers;
    private long _blocksSent, _bytesSent;

    internal BitswapServer(IBlockStore store, BitswapOptions options, Func<string, PeerMessageSender?> senderOf, int workers = 2)
    {
        _store = store;
        _options = options;
        _senderOf = senderOf;
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++)
            _workers[i] = Task.Run(WorkAsync);
    }

    public long BlocksSent => Interlocked.Read(ref _blocksSent);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Wantlist entries held for <paramref name="peer"/> (0 when unknown).</summary>
    public int WantCount(string peer)
    {
        lock (_lock)
            return _ledgers.TryGetValue(peer, out var l) ? l.WantCount : 0;
    }

    internal void OnMessage(string peer, BitswapMessage message)
    {
        if (message.Wantlist.Count == 0 && !message.Full)
            return;
        lock (_lock)
        {
            if (!_ledgers.TryGetValue(peer, out var ledger))
                _ledgers[peer] = ledger = new PeerLedger(peer, _options.MaxWantlistEntriesPerPeer);
            ledger.Apply(message);
            ScheduleLocked(ledger);
        }
    }

    internal void OnPeerDisconnected(string peer)
    {
        lock (_lock)
            _ledgers.Remove(peer);
    }

    /// <summary>The peer's send queue emptied below its limit: serve it again.</summary>
    internal void OnSenderDrained(string peer)
    {
        lock (_lock)
        {
            if (_ledgers.TryGetValue(peer, out var ledger))
                ScheduleLocked(ledger);
        }
    }

    /// <summary>A block arrived locally: peers still wanting it get it now.</summary>
    public void NotifyNewBlock(Cid cid)
    {
        lock (_lock)
        {
            foreach (var ledger in _ledgers.Values)
            {
                if (ledger.Requeue(cid))
                    ScheduleLocked(ledger);
            }
        }
    }

    private void ScheduleLocked(PeerLedger ledger)
    {
        if (ledger.Scheduled || !ledger.HasQueued)
            return;
        if (_senderOf(ledger.Peer) is { } s && s.PendingBlockBytes >= _options.MaxPendingBytesPerPeer)
            return; // OnSenderDrained schedules it again
        ledger.Scheduled = true;
        _ready.Writer.TryWrite(ledger);
    }

    private async Task WorkAsync()
    {
        var ct = _cts.Token;
        try
        {
            await foreach (var ledger in _ready.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await ServeTurnAsync(ledger, ct).ConfigureAwait(false);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // one peer's failure (store error, broken sender) must not stop the server
                }
                lock (_lock)
                {
                    ledger.Scheduled = false;
                    if (_ledgers.TryGetValue(ledger.Peer, out var current) && ReferenceEquals(current, ledger))
                        ScheduleLocked(ledger);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One round-robin turn: answer up to a turn's worth of this peer's wants, by priority.</summary>
    private async Task ServeTurnAsync(PeerLedger ledger, CancellationToken ct)
    {
        var sender = _senderOf(ledger.Peer);
        if (sender is null)
            return;
        var blocks = new List<BitswapBlock>();
        var presences = new List<BitswapPresence>();
        long bytes = 0;
        for (var n = 0; n < MaxEntriesPerTurn && bytes < _options.ServeBytesPerTurn; n++)
        {
            BitswapWantEntry entry;
            lock (_lock)
            {
                if (!ledger.TryTake(out entry))
                    break;
            }
            var answered = await AnswerAsync(entry, blocks, presences, ct).ConfigureAwait(false);
            if (answered is { } size)
            {
                bytes += size;
                lock (_lock)
                {
                    ledger.Remove(entry.Cid);
                    ledger.BytesSent += size;
                }
            }
        }
        if (blocks.Count > 0)
        {
            Interlocked.Add(ref _blocksSent, blocks.Count);
            Interlocked.Add(ref _bytesSent, bytes);
        }
        sender.EnqueueResponse(blocks, presences);
    }

    /// <summary>Answers one want; returns the block bytes sent when the want is answered, null when it stays pending.</summary>
    private async Task<long?> AnswerAsync(BitswapWantEntry e, List<BitswapBlock> blocks, List<BitswapPresence> presences, CancellationToken ct)
    {
        if (e.WantType == WantType.Have)
        {
            if (await _store.HasAsync(e.Cid, ct).ConfigureAwait(false))
            {
                presences.Add(new BitswapPresence(e.Cid, BlockPresenceType.Have));
                return 0;
            }
        }
        else
        {
            ReadOnlyMemory<byte>? data = null;
            try
            {
                data = await _store.GetAsync(e.Cid, ct).ConfigureAwait(false);
            }
            catch (BlockNotFoundException)
            {
            }
            if (data is { } d && d.Length <= _options.MaxBlockSize)
            {
                blocks.Add(new BitswapBlock(CidPrefix.Of(e.Cid), d));
                return d.Length;
            }
        }
        if (!e.SendDontHave)
            return null; // stays in the ledger: sent if the block arrives later (NotifyNewBlock)
        presences.Add(new BitswapPresence(e.Cid, BlockPresenceType.DontHave));
        return 0; // answered: the peer asks again when it wants to

    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        _ready.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }
        _cts.Dispose();
    }
}
