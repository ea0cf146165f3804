// The pack files of a repo (<repo>/packs/): large blocks are appended to the active pack (rolled at RollBytes) with
// positional writes, so concurrent writers and readers never wait for each other; Sync fsyncs the packs written since
// the last sync and runs the commit that may refer to them (DESIGN.md, "Pack files").
namespace IpfsMount.Storage;

using System.Collections.Concurrent;

internal sealed class PackStore : IDisposable
{
    /// <summary>Blocks at least this long go to pack files; smaller ones stay inline in RocksDB.</summary>
    public const int MinBlockBytes = 4 * 1024;

    public const long DefaultRollBytes = 256L * 1024 * 1024;

    public const string DirectoryName = "packs";

    private readonly ConcurrentDictionary<uint, PackFile> _packs = new();
    private readonly Lock _gate = new();
    private readonly HashSet<PackFile> _dirty = [];

    // Appends hold it shared while they write; Sync holds it exclusively over "fsync the packs, then commit", so a
    // commit never becomes durable with an index entry whose bytes were written after that fsync began.
    private readonly ReaderWriterLockSlim _syncGate = new(LockRecursionPolicy.NoRecursion);
    private PackFile _active;
    private bool _disposed;

    private PackStore(string directory, PackFile active)
    {
        Directory = directory;
        _active = active;
    }

    public string Directory { get; }

    /// <summary>The active pack is rolled over when an append would take it past this many bytes.</summary>
    public long RollBytes { get; set; } = DefaultRollBytes;

    public uint ActivePack
    {
        get
        {
            lock (_gate)
            {
                return _active.Id;
            }
        }
    }

    /// <summary>Packs written since the last Sync (their bytes may not be on disk yet).</summary>
    public int DirtyCount
    {
        get
        {
            lock (_gate)
            {
                return _dirty.Count;
            }
        }
    }

    /// <summary>Bytes of all pack files (live blocks and garbage).</summary>
    public long TotalBytes
    {
        get
        {
            long total = 0;
            foreach (var pack in _packs.Values)
            {
                total += pack.Length;
            }

            return total;
        }
    }

    /// <summary>Ids and lengths of every pack file.</summary>
    public IReadOnlyList<(uint Id, long Length)> List()
    {
        var list = new List<(uint, long)>();
        foreach (var pack in _packs.Values)
        {
            list.Add((pack.Id, pack.Length));
        }

        return list;
    }

    /// <summary>Opens every pack under <paramref name="repoPath"/>/packs (creating the directory and a first pack when
    /// there is none); new blocks are appended to the newest pack, after any garbage a crash left at its end.</summary>
    public static PackStore Open(string repoPath)
    {
        var directory = Path.Combine(repoPath, DirectoryName);
        System.IO.Directory.CreateDirectory(directory);
        var ids = new List<uint>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.pack"))
        {
            if (PackFile.TryParseId(Path.GetFileName(file), out var id))
            {
                ids.Add(id);
            }
        }

        if (ids.Count == 0)
        {
            ids.Add(1);
        }

        ids.Sort();
        PackStore? store = null;
        foreach (var id in ids)
        {
            var pack = PackFile.Open(directory, id);
            store ??= new PackStore(directory, pack);
            store._packs[id] = pack;
            store._active = pack;
        }

        return store!;
    }

    /// <summary>Writes a block's bytes to the active pack and says where they are. The bytes are readable as soon as
    /// this returns, survive a process crash, and are on disk after the next Sync.</summary>
    public PackLocation Append(ReadOnlySpan<byte> data)
    {
        _syncGate.EnterReadLock();
        try
        {
            PackFile pack;
            long offset;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_active.Length > 0 && _active.Length + data.Length > RollBytes)
                {
                    RollLocked();
                }

                pack = _active;
                offset = pack.Reserve(data.Length);
                _dirty.Add(pack);
            }

            pack.Write(data, offset);
            return new PackLocation(pack.Id, offset, data.Length);
        }
        finally
        {
            _syncGate.ExitReadLock();
        }
    }

    /// <summary>Reads the bytes at <paramref name="location"/> into <paramref name="destination"/> (its length);
    /// false when the pack does not exist (retired by a GC since the caller read the index, or lost). The count is
    /// short when the pack ends early (torn or truncated).</summary>
    public bool TryRead(PackLocation location, Span<byte> destination, out int read)
    {
        read = 0;
        if (!_packs.TryGetValue(location.Pack, out var pack))
        {
            return false;
        }

        try
        {
            read = pack.Read(destination, location.Offset);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // retired while we looked
        }
    }

    /// <summary>Fsyncs every pack written since the last sync, then runs <paramref name="commit"/> (a synced RocksDB
    /// write) before any new append can start: what the commit refers to is on disk before the commit is.</summary>
    public void Sync(Action commit)
    {
        _syncGate.EnterWriteLock();
        try
        {
            PackFile[] dirty;
            lock (_gate)
            {
                dirty = [.. _dirty];
                _dirty.Clear();
            }

            foreach (var pack in dirty)
            {
                try
                {
                    pack.Sync();
                }
                catch (ObjectDisposedException)
                {
                    // retired by a GC: nothing refers to it any more
                }
            }

            commit();
        }
        finally
        {
            _syncGate.ExitWriteLock();
        }
    }

    /// <summary>Starts a new active pack (so that the current one can be rewritten by a GC).</summary>
    public void Roll()
    {
        lock (_gate)
        {
            RollLocked();
        }
    }

    /// <summary>Forgets a pack and deletes its file; readers still inside a read finish it, later ones see it gone.
    /// Only for packs no durable index entry points to any more; never the active pack.</summary>
    public void Retire(uint id)
    {
        lock (_gate)
        {
            if (id == _active.Id)
            {
                throw new InvalidOperationException($"pack {id} is the active pack and cannot be retired");
            }

            if (!_packs.TryRemove(id, out var pack))
            {
                return;
            }

            _dirty.Remove(pack);
            pack.Dispose();
            File.Delete(pack.Path);
        }
    }

    private void RollLocked()
    {
        var next = PackFile.Open(Directory, _active.Id + 1);
        _packs[next.Id] = next;
        _active = next;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var pack in _packs.Values)
            {
                pack.Dispose();
            }
        }
    }
}
