// Server-side record of one peer's wantlist (bitswap-protocol.md: wants persist until served or cancelled),
// with a priority queue of entries still to answer and counters of what was sent.
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

internal sealed class PeerLedger(string peer, int maxEntries)
{
    private readonly Dictionary<Cid, BitswapWantEntry> _wants = [];
    private readonly PriorityQueue<Cid, (int NegPriority, long Seq)> _queue = new();
    private long _seq;

    public string Peer { get; } = peer;

    /// <summary>True while this ledger sits in the server's round-robin queue.</summary>
    public bool Scheduled { get; set; }

    public long BlocksSent { get; set; }

    public long BytesSent { get; set; }

    public long WantsDropped { get; private set; }

    public int WantCount => _wants.Count;

    public bool HasQueued => _queue.Count > 0;

    /// <summary>Applies a received wantlist (caller holds the server lock).</summary>
    public void Apply(BitswapMessage message)
    {
        if (message.Full)
        {
            _wants.Clear();
            _queue.Clear();
        }
        foreach (var e in message.Wantlist)
        {
            if (e.Cancel)
            {
                _wants.Remove(e.Cid);
                continue;
            }
            if (!_wants.ContainsKey(e.Cid) && _wants.Count >= maxEntries)
            {
                WantsDropped++;
                continue;
            }
            if (_wants.TryGetValue(e.Cid, out var old) && old.WantType == WantType.Block && e.WantType == WantType.Have)
                continue; // a WANT_HAVE does not downgrade a pending WANT_BLOCK
            _wants[e.Cid] = e;
            _queue.Enqueue(e.Cid, (-e.Priority, _seq++));
        }
        if (_queue.Count > 2 * maxEntries + 64)
            Rebuild();
    }

    /// <summary>Takes the next live entry by priority (then arrival), or false.</summary>
    public bool TryTake(out BitswapWantEntry entry)
    {
        while (_queue.TryDequeue(out var cid, out _))
        {
            if (_wants.TryGetValue(cid, out entry))
                return true;
        }
        entry = default;
        return false;
    }

    /// <summary>Forgets a served want.</summary>
    public void Remove(Cid cid) => _wants.Remove(cid);

    /// <summary>Queues again a want we could not serve earlier, now that the block arrived.</summary>
    public bool Requeue(Cid cid)
    {
        if (!_wants.TryGetValue(cid, out var e))
            return false;
        _queue.Enqueue(cid, (-e.Priority, _seq++));
        return true;
    }

    private void Rebuild()
    {
        _queue.Clear();
        foreach (var (cid, e) in _wants)
            _queue.Enqueue(cid, (-e.Priority, _seq++));
    }
}
