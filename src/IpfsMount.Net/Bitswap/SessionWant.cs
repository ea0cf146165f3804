// State of one CID a Bitswap session is fetching: who was asked, who has it, who is sending it, who waits for it.
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

internal sealed class SessionWant(Cid cid, int priority)
{
    public Cid Cid { get; } = cid;

    public int Priority { get; } = priority;

    public TaskCompletionSource<ReadOnlyMemory<byte>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Waiters { get; set; }

    /// <summary>Peer we sent WANT_BLOCK to and are waiting on, if any.</summary>
    public string? BlockPeer { get; set; }

    public long BlockRequestedAt { get; set; }

    /// <summary>Time of the last broadcast or WANT_BLOCK (for rebroadcasts).</summary>
    public long LastDispatchAt { get; set; }

    /// <summary>True while the want waits for a free WANT_BLOCK slot.</summary>
    public bool Queued { get; set; }

    public HashSet<string> AskedHave { get; } = [];

    public HashSet<string> Have { get; } = [];

    public HashSet<string> DontHave { get; } = [];
}
