// An open MFS file: positional read/write, truncate, fsync (commit) and close. The handle keeps the file's
// node, so a file unlinked or renamed while open stays readable and writable until the handle is closed.
namespace IpfsMount.Mfs;

public sealed class MfsFileHandle : IAsyncDisposable
{
    private readonly MfsTree _tree;
    private readonly MfsFileNode _file;
    private int _closed;

    internal MfsFileHandle(MfsTree tree, MfsFileNode file, MfsOpenFlags flags)
    {
        _tree = tree;
        _file = file;
        Flags = flags;
    }

    public MfsOpenFlags Flags { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public async ValueTask<long> GetLengthAsync(CancellationToken ct = default)
    {
        await _file.Lock.WaitAsync(ct).ConfigureAwait(false);
        try { return _file.Content.Length; }
        finally { _file.Lock.Release(); }
    }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct = default)
    {
        Check(MfsOpenFlags.Read);
        await _file.Lock.WaitAsync(ct).ConfigureAwait(false);
        try { return await _file.Content.ReadAsync(offset, buffer, ct).ConfigureAwait(false); }
        finally { _file.Lock.Release(); }
    }

    /// <summary>Writes at <paramref name="offset"/> (at the end when opened with Append); returns the offset written at.</summary>
    public async ValueTask<long> WriteAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        Check(MfsOpenFlags.Write);
        await _file.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Flags.HasFlag(MfsOpenFlags.Append)) offset = _file.Content.Length;
            await _file.Content.WriteAsync(offset, data, ct).ConfigureAwait(false);
            if (!data.IsEmpty) Changed();
            return offset;
        }
        finally { _file.Lock.Release(); }
    }

    /// <summary>
    /// Writes at once when that needs no I/O and no waiting (the file's lock is free, the leaves are in memory; see
    /// FileContent.TryWrite); false when nothing was written and <see cref="WriteAsync"/> must be used.
    /// </summary>
    public bool TryWrite(long offset, ReadOnlySpan<byte> data)
    {
        Check(MfsOpenFlags.Write);
        if (data.IsEmpty || !_file.Lock.Wait(0)) return false;
        try
        {
            if (Flags.HasFlag(MfsOpenFlags.Append)) offset = _file.Content.Length;
            if (!_file.Content.TryWrite(offset, data)) return false;
            Changed();
            return true;
        }
        finally { _file.Lock.Release(); }
    }

    public async ValueTask TruncateAsync(long length, CancellationToken ct = default)
    {
        Check(MfsOpenFlags.Write);
        await _file.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            long before = _file.Content.Length;
            await _file.Content.TruncateAsync(length, ct).ConfigureAwait(false);
            if (before != length) Changed();
        }
        finally { _file.Lock.Release(); }
    }

    /// <summary>fsync: flushes the whole tree to blocks and records a version.</summary>
    public async ValueTask FlushAsync(CancellationToken ct = default)
    {
        Check(0);
        await _tree.CommitAsync(null, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        bool commit;
        await _file.Lock.WaitAsync().ConfigureAwait(false);
        try
        {
            _file.OpenHandles--;
            commit = _file.OpenHandles == 0 && _file.ChangedWhileOpen;
            if (_file.OpenHandles == 0)
            {
                _file.ChangedWhileOpen = false;
                // out of the tree (unlinked, rolled away): no flush will reference what it stored in the background
                if (_tree.RootRef.Node is MfsDirectoryNode root && !_file.IsAttachedTo(root)) _file.Content.Abandon();
            }
        }
        finally { _file.Lock.Release(); }
        if (commit) await _tree.OnLastCloseAsync(_file).ConfigureAwait(false);
    }

    private void Changed()
    {
        _file.ChangedWhileOpen = true;
        _tree.NoteFileWritten(_file);
    }

    private void Check(MfsOpenFlags needed)
    {
        if (IsClosed) throw new MfsException(MfsErrorKind.BadHandle, "the MFS file handle is closed");
        if ((Flags & needed) != needed)
            throw new MfsException(MfsErrorKind.BadHandle, $"the MFS file handle was not opened for {needed}");
    }
}
