// Change notices for path-addressed operations (files verbs, rollback), so a mount can drop what its kernel cached.
using System.Collections.Concurrent;

namespace IpfsMount.Mfs;

public sealed partial class MfsTree
{
    private readonly ConcurrentDictionary<string, byte> _writtenByPath = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised after a path-addressed change completes, outside the tree lock, with the changed paths (normalized):
    /// mkdir, rm, mv (both paths), cp, chmod/touch, chcid, an open for writing (again after the next commit, when the
    /// bytes written through that handle are in), and rollback (every name at the root, before and after). Changes
    /// made through <see cref="MfsNodeRef"/> operations (a mount's own requests) do not raise it: the kernel knows those.
    /// Handlers must not call back into the tree synchronously for long; exceptions they throw are ignored.
    /// </summary>
    public event Action<IReadOnlyList<string>>? PathsChanged;

    /// <summary><see cref="LockedAsync{T}"/>, then <see cref="PathsChanged"/> for <paramref name="paths"/> once the lock is released.</summary>
    private async Task<T> ChangingAsync<T>(string[] paths, Func<Task<T>> body, CancellationToken ct)
    {
        var result = await LockedAsync(body, ct).ConfigureAwait(false);
        Announce(paths);
        return result;
    }

    private void Announce(IEnumerable<string> paths)
    {
        if (PathsChanged is not { } handlers) return;
        var list = paths.Select(MfsPath.Normalize).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<IReadOnlyList<string>>>())
        {
            try { handler(list); }
            catch (Exception) { /* a subscriber's failure must not fail the change that already happened */ }
        }
    }

    /// <summary>Paths opened for writing by path: announced again after the next commit (their bytes are in by then).</summary>
    private string[] WritingPaths(string path, MfsOpenFlags flags)
    {
        if ((flags & (MfsOpenFlags.Write | MfsOpenFlags.Create | MfsOpenFlags.Truncate)) == 0) return [];
        _writtenByPath[MfsPath.Normalize(path)] = 0;
        return [path];
    }

    private void AnnounceWrittenPaths()
    {
        if (_writtenByPath.IsEmpty) return;
        var paths = _writtenByPath.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var p in paths) _writtenByPath.TryRemove(p, out _);
        Announce(paths);
    }
}
