// Open file and directory handles, numbered for the kernel (fuse_file_info.fh / Dokan context).
using System.Collections.Concurrent;

namespace IpfsMount.Vfs.Inodes;

public sealed class HandleTable<T>
    where T : class
{
    private readonly ConcurrentDictionary<ulong, T> handles = new();
    private long next;

    public int Count => handles.Count;

    public ulong Add(T value)
    {
        var id = (ulong)Interlocked.Increment(ref next);
        handles[id] = value;
        return id;
    }

    public T Get(ulong id) =>
        handles.TryGetValue(id, out var value)
            ? value
            : throw new VfsException(VfsError.InvalidHandle, $"handle {id} is not open");

    public T? Remove(ulong id) => handles.TryRemove(id, out var value) ? value : null;

    public IReadOnlyCollection<T> Snapshot() => handles.Values.ToArray();
}
