// Settings of an MFS tree: block layout (profile), commit policy and the snapshot pin hook.
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed record MfsOptions
{
    /// <summary>How files and directories become blocks; Kubo's MFS default (CIDv0) unless set.</summary>
    public MfsLayout Layout { get; init; } = MfsLayout.KuboV0;

    /// <summary>While the tree is dirty, commit at most this often; null turns the timer off.</summary>
    public TimeSpan? AutoCommitInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Commit after the last open handle of a changed file is closed (like Kubo's flush on close); such
    /// commits are queued and shared by the closes that arrive meanwhile (MfsTree.WhenCloseCommitsDoneAsync).</summary>
    public bool CommitOnLastClose { get; init; } = true;

    /// <summary>How long a commit asked for by a last close waits (real time) before it starts, so the closes of a
    /// burst (tar x, cp -r: one file per millisecond or so) share one version instead of each making its own and the
    /// next create waiting for it. Zero starts it at once. fsync and `files flush` never wait.</summary>
    public TimeSpan CloseCommitDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Called with (cid, label) to pin a snapshot; null means snapshots are not pinned.</summary>
    public Func<Cid, string, CancellationToken, ValueTask>? Pin { get; init; }

    /// <summary>Held while blocks are written and until a root references them (the repo's GC lock, shared).</summary>
    public Func<CancellationToken, Task<IDisposable>>? WriteLease { get; init; }

    /// <summary>The clock used for version times (tests inject one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
