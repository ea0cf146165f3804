// The versioned writable MFS tree (like Kubo's `ipfs files`): POSIX-shaped operations on an in-memory dirty
// layer over UnixFS DAGs; Commit flushes dirty nodes to blocks and appends a version to the log.
using System.Collections.Concurrent;
using IpfsMount.Core;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree : IAsyncDisposable
{
    private readonly DagBlocks _blocks;
    private readonly IMfsVersionLog _log;
    private readonly MfsOptions _options;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConcurrentDictionary<MfsFileNode, byte> _dirtyFiles = new();
    private readonly CancellationTokenSource _stop = new();
    private MfsDirectoryNode _root;
    private MfsVersion? _head;
    private bool _headDurable = true;
    private long _unsyncedSince; // UTC ticks of the oldest version not yet fsynced (0: none)
    private long _dirtySince;
    private Task? _timer;
    private readonly Lock _closeCommitGate = new();
    private Task _closeCommits = Task.CompletedTask;
    private int _closeCommitQueued;

    private MfsTree(DagBlocks blocks, IMfsVersionLog log, MfsOptions options, MfsDirectoryNode root, MfsVersion? head)
    {
        _blocks = blocks;
        _log = log;
        _options = options;
        _root = root;
        _head = head;
    }

    /// <summary>Opens the tree at the newest version of <paramref name="log"/> (an empty directory when there is none).</summary>
    public static async Task<MfsTree> OpenAsync(IBlockStore store, IMfsVersionLog log, MfsOptions? options = null, CancellationToken ct = default)
    {
        options ??= new MfsOptions();
        options.Layout.Validate();
        var blocks = new DagBlocks(store, options.Layout, options.WriteLease);
        var head = await log.LatestAsync(ct).ConfigureAwait(false);
        MfsDirectoryNode root;
        if (head is null) root = new MfsDirectoryNode(null, null);
        else root = await LoadRootAsync(blocks, head.Root, ct).ConfigureAwait(false);
        var tree = new MfsTree(blocks, log, options, root, head);
        if (options.AutoCommitInterval is { } every) tree._timer = tree.RunTimerAsync(every);
        return tree;
    }

    public MfsOptions Options => _options;

    /// <summary>The newest committed version (null before the first commit).</summary>
    public MfsVersion? Head => Volatile.Read(ref _head);

    /// <summary>True while changes wait for a commit.</summary>
    public bool IsDirty =>
        !_dirtyFiles.IsEmpty || (Volatile.Read(ref _head) is { } h
            ? _root.IsDirty || !Nullable.Equals(_root.CleanCid, h.Root)   // changed, or flushed (e.g. by stat) but not committed
            : _root.Entries.Count > 0 || _root.Mode is not null || _root.Mtime is not null || _root.CidVersion is not null || _root.HashCode is not null);
    // (a new tree that is still empty has nothing to commit)

    /// <summary>Blocks written by file flushes so far (leaves and internal file nodes).</summary>
    public IBlockStore Blocks => _blocks.Store;

    /// <summary>Flushes every dirty node to blocks and, if the root changed, appends a version.</summary>
    public Task<MfsVersion> CommitAsync(string? message = null, CancellationToken ct = default) => CommitAsync(message, false, ct);

    /// <summary>Like <see cref="CommitAsync(string?, CancellationToken)"/>; <paramref name="force"/> records a version
    /// even when the root did not change (a named checkpoint, `files flush -m`).</summary>
    public async Task<MfsVersion> CommitAsync(string? message, bool force, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try { return await CommitLockedAsync(message, force, ct).ConfigureAwait(false); }
        finally
        {
            _lock.Release();
            AnnounceWrittenPaths();
        }
    }

    /// <summary>`files flush`: commits and returns the CID of <paramref name="path"/>.</summary>
    public async Task<Cid> FlushAsync(string path = "/", CancellationToken ct = default)
    {
        await CommitAsync(null, ct).ConfigureAwait(false);
        return (await StatAsync(path, ct).ConfigureAwait(false)).Cid;
    }

    /// <summary>
    /// Writes pending changes to blocks and records the working root (which GC keeps) without a version, so a long
    /// write does not hold its whole content in memory until the commit.
    /// </summary>
    public async Task WriteBlocksAsync(CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try { await FlushNodeAsync(_root, ct).ConfigureAwait(false); }
        finally { _lock.Release(); }
    }

    /// <summary>
    /// Flushes and appends a version (the tree lock is held). The GC lease is held from the first block written until
    /// the version refers to them. A <paramref name="durable"/> commit (fsync, `files flush`, the timer, snapshot,
    /// rollback) is fsynced, together with the non-durable versions before it; a commit after close is not (it survives
    /// a process crash; what fsync promised is only ever promised by a durable one).
    /// </summary>
    private async Task<MfsVersion> CommitLockedAsync(string? message, bool force, CancellationToken ct, bool durable = true)
    {
        using var lease = await EnterWriteLeaseAsync(ct).ConfigureAwait(false);
        var (cid, _) = await FlushLeasedAsync(_root, recordWorkingRoot: false, ct).ConfigureAwait(false);
        Interlocked.Exchange(ref _dirtySince, 0);
        if (!force && _head is { } h && h.Root.Equals(cid))
        {
            if (durable && !_headDurable)
            {
                await _log.SetWorkingRootAsync(cid, ct).ConfigureAwait(false); // a synced write: the log up to here is on disk
                _headDurable = true;
                Interlocked.Exchange(ref _unsyncedSince, 0);
            }
            return h;
        }
        var now = _options.Clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)); // the log stores milliseconds
        var v = await _log.AppendAsync(cid, now, message, durable, ct).ConfigureAwait(false);
        _headDurable = durable;
        if (durable) Interlocked.Exchange(ref _unsyncedSince, 0);
        else Interlocked.CompareExchange(ref _unsyncedSince, now.UtcTicks, 0);
        Volatile.Write(ref _head, v);
        return v;
    }

    private async ValueTask<IDisposable?> EnterWriteLeaseAsync(CancellationToken ct) =>
        _options.WriteLease is { } enter ? await enter(ct).ConfigureAwait(false) : null;

    internal void NoteFileChanged(MfsFileNode file)
    {
        _dirtyFiles[file] = 0;
        Interlocked.CompareExchange(ref _dirtySince, _options.Clock.GetUtcNow().UtcTicks, 0);
    }

    private void NoteTreeChanged() =>
        Interlocked.CompareExchange(ref _dirtySince, _options.Clock.GetUtcNow().UtcTicks, 0);

    /// <summary>
    /// The last close of a changed file asks for a commit without waiting for it: closes that arrive while one
    /// such commit is queued or running share the next one (group commit), so `tar x` of 5,000 files makes a
    /// handful of versions instead of re-encoding the directory 5,000 times. fsync and `files flush` still commit
    /// synchronously; <see cref="WhenCloseCommitsDoneAsync"/> waits for the queued one.
    /// </summary>
    internal ValueTask OnLastCloseAsync(MfsFileNode file)
    {
        if (!_options.CommitOnLastClose || _stop.IsCancellationRequested) return ValueTask.CompletedTask;
        if (Interlocked.Exchange(ref _closeCommitQueued, 1) == 0)
        {
            lock (_closeCommitGate) _closeCommits = _closeCommits.ContinueWith(_ => CommitAfterCloseAsync(), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when every commit asked for by a last close so far has been recorded.</summary>
    public Task WhenCloseCommitsDoneAsync()
    {
        lock (_closeCommitGate) return _closeCommits;
    }

    private async Task CommitAfterCloseAsync()
    {
        if (_options.CloseCommitDelay > TimeSpan.Zero && !_stop.IsCancellationRequested)
        {
            try { await Task.Delay(_options.CloseCommitDelay, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { /* disposing: commit now */ }
        }
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _closeCommitQueued, 0); // closes from now on need the next commit
            if (IsDirty) await CommitLockedAsync(null, force: false, CancellationToken.None, durable: false).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // a failed commit after close is retried by the timer, the next close or an explicit commit; those report errors
        }
        finally { _lock.Release(); }
    }

    private async Task RunTimerAsync(TimeSpan every)
    {
        var tick = every < TimeSpan.FromSeconds(1) ? every : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(tick, _options.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                long since = Interlocked.Read(ref _dirtySince);
                if (since == 0 && _dirtyFiles.IsEmpty)
                {
                    // clean, but the newest versions came from closes and are not fsynced yet: make them durable
                    long unsynced = Interlocked.Read(ref _unsyncedSince);
                    if (unsynced == 0 || _options.Clock.GetUtcNow().UtcTicks - unsynced < every.Ticks) continue;
                }
                if (since != 0 && _options.Clock.GetUtcNow().UtcTicks - since < every.Ticks) continue;
                try { await CommitAsync("auto-commit", _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { throw; }
                catch (Exception) { /* a failed auto-commit is retried at the next tick; explicit commits report errors */ }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops the commit timer and commits pending changes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_timer is not null) await _timer.ConfigureAwait(false);
        await WhenCloseCommitsDoneAsync().ConfigureAwait(false);
        if (IsDirty) await CommitAsync("close", CancellationToken.None).ConfigureAwait(false);
        else if (Interlocked.Read(ref _unsyncedSince) != 0) await CommitAsync(null, CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }

    // ---- flushing ----

    /// <summary>Flushes the whole tree (so every written block is referenced by the working root, which GC
    /// keeps) and returns the CID of <paramref name="node"/>.</summary>
    private async ValueTask<(Cid Cid, ulong Tsize)> FlushNodeAsync(MfsNode node, CancellationToken ct)
    {
        using var lease = await EnterWriteLeaseAsync(ct).ConfigureAwait(false);
        return await FlushLeasedAsync(node, recordWorkingRoot: true, ct).ConfigureAwait(false);
    }

    /// <summary>Flushes the tree under a GC lease the caller holds; <paramref name="recordWorkingRoot"/> is false when a
    /// version recording the root follows under the same lease.</summary>
    private async ValueTask<(Cid Cid, ulong Tsize)> FlushLeasedAsync(MfsNode node, bool recordWorkingRoot, CancellationToken ct)
    {
        PropagateDirtyFiles();
        bool rootWasDirty = _root.IsDirty;
        var (rootCid, rootTsize) = await FlushSubtreeAsync(_root, ct).ConfigureAwait(false);
        if (rootWasDirty && recordWorkingRoot) await _log.SetWorkingRootAsync(rootCid, ct).ConfigureAwait(false);
        return ReferenceEquals(node, _root) ? (rootCid, rootTsize) : await FlushSubtreeAsync(node, ct).ConfigureAwait(false);
    }

    private void PropagateDirtyFiles()
    {
        foreach (var file in _dirtyFiles.Keys)
        {
            if (file.Parent is { } p && file.IsAttachedTo(_root)) p.MarkDirty();
            else _dirtyFiles.TryRemove(file, out _); // unlinked or rolled away: nothing in the tree to update
        }
    }

    private async ValueTask<(Cid Cid, ulong Tsize)> FlushSubtreeAsync(MfsNode node, CancellationToken ct)
    {
        switch (node)
        {
            case MfsFileNode file:
                await file.Lock.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var (cid, tsize, _) = await file.Content.FlushAsync(ct).ConfigureAwait(false);
                    _dirtyFiles.TryRemove(file, out _);
                    return (cid, tsize);
                }
                finally { file.Lock.Release(); }
            case MfsSymlinkNode link:
                if (link.CleanCid is { } linkCid) return (linkCid, link.CleanTsize);
                var block = await _blocks.PutAsync(_blocks.Symlink(link.Target, link.Mode, link.Mtime), ct).ConfigureAwait(false);
                (link.CleanCid, link.CleanTsize) = (block.Cid, block.Tsize);
                return (block.Cid, block.Tsize);
            case MfsDirectoryNode dir:
                return await FlushDirectoryAsync(dir, ct).ConfigureAwait(false);
            default:
                throw new InvalidOperationException("unknown MFS node type");
        }
    }


    // ---- resolving ----

    private static async ValueTask<MfsDirectoryNode> LoadRootAsync(DagBlocks blocks, Cid cid, CancellationToken ct)
    {
        var node = await NodeLoader.LoadAsync(blocks, cid, ct).ConfigureAwait(false);
        if (node is not MfsDirectoryNode dir)
            throw new MfsException(MfsErrorKind.NotADirectory, $"{cid}: the MFS root must be a UnixFS directory, found a {node.Kind}");
        return dir;
    }

    private async ValueTask<MfsNode?> ChildAsync(MfsDirectoryNode dir, string name, CancellationToken ct)
    {
        if (!dir.Entries.TryGetValue(name, out var slot)) return null;
        if (slot.Node is null)
        {
            var node = await NodeLoader.LoadAsync(_blocks, slot.Cid, ct).ConfigureAwait(false);
            node.Parent = dir;
            node.Name = name;
            slot.Node = node;
        }
        return slot.Node;
    }

    private async ValueTask<MfsNode> ResolveAsync(string path, CancellationToken ct)
    {
        MfsNode node = _root;
        var parts = MfsPath.Split(path);
        for (int i = 0; i < parts.Length; i++)
        {
            if (node is not MfsDirectoryNode dir)
                throw MfsException.NotADirectory("/" + string.Join('/', parts[..i]));
            node = await ChildAsync(dir, parts[i], ct).ConfigureAwait(false) ?? throw MfsException.NotFound(MfsPath.Normalize(path));
        }
        return node;
    }

    private async ValueTask<(MfsDirectoryNode Parent, string Name)> ResolveParentAsync(string path, CancellationToken ct)
    {
        var parts = MfsPath.Split(path);
        if (parts.Length == 0)
            throw new MfsException(MfsErrorKind.InvalidArgument, "'/': the MFS root cannot be the target of this operation");
        var parentPath = "/" + string.Join('/', parts[..^1]);
        var parent = await ResolveAsync(parentPath, ct).ConfigureAwait(false);
        if (parent is not MfsDirectoryNode dir) throw MfsException.NotADirectory(parentPath);
        return (dir, parts[^1]);
    }

    private void Attach(MfsDirectoryNode dir, string name, MfsNode node, DirEntrySlot? slot = null)
    {
        node.Parent = dir;
        node.Name = name;
        slot ??= new DirEntrySlot(default, 0);
        slot.Node = node;
        dir.SetEntry(name, slot);
        dir.MarkDirty();
        NoteDirectoryChanged(dir);
    }

    private void Detach(MfsDirectoryNode dir, string name)
    {
        if (dir.RemoveEntry(name) is { Node: { } n }) n.Parent = null;
        dir.MarkDirty();
        NoteDirectoryChanged(dir);
    }

    /// <summary>A directory's entries changed: POSIX updates its mtime (the stored UnixFS mtime too, when it has one).</summary>
    private void NoteDirectoryChanged(MfsDirectoryNode dir)
    {
        var now = _options.Clock.GetUtcNow();
        Volatile.Write(ref dir.ModifiedTicks, now.UtcTicks);
        if (dir.Mtime is not null) dir.Mtime = MfsTime.FromDateTimeOffset(now);
    }

    /// <summary>A file's content changed (write, truncate): notes it for the commit and updates its mtime.</summary>
    internal void NoteFileWritten(MfsFileNode file)
    {
        var now = _options.Clock.GetUtcNow();
        Volatile.Write(ref file.ModifiedTicks, now.UtcTicks);
        if (file.Content.Mtime is not null) file.Content.SetMtime(MfsTime.FromDateTimeOffset(now));
        NoteFileChanged(file);
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> body, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try { return await body().ConfigureAwait(false); }
        finally { _lock.Release(); }
    }
}
