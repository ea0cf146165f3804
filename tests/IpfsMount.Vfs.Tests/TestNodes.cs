// Minimal nodes for exercising the inode table and the file system facade without IPFS content.
using IpfsMount.Vfs;

namespace IpfsMount.Vfs.Tests;

internal sealed class LeafNode(string key, TimeSpan? delay = null) : VfsNode, IReadableFile
{
    public string Key { get; } = key;
    public override bool IsImmutable => true;
    public override object Identity => Key;

    public override async ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct)
    {
        if (delay is { } d) await Task.Delay(d, ct);
        return new VfsAttributes(VfsNodeKind.File, Key.Length, 0b100_100_100, DateTimeOffset.UnixEpoch, 4096);
    }

    public ValueTask<IFileReader> OpenReadAsync(CancellationToken ct) => ValueTask.FromResult<IFileReader>(new Reader(Key, delay));

    private sealed class Reader(string key, TimeSpan? delay) : IFileReader
    {
        public long Length => key.Length;

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct)
        {
            if (delay is { } d) await Task.Delay(d, ct);
            var bytes = System.Text.Encoding.ASCII.GetBytes(key);
            if (offset >= bytes.Length) return 0;
            var n = Math.Min(buffer.Length, bytes.Length - (int)offset);
            bytes.AsMemory((int)offset, n).CopyTo(buffer);
            return n;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

internal sealed class ListNode(params VfsNode[] children) : VfsNode, ILookup, IDirectoryLister
{
    public override bool IsImmutable => false;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) => ValueTask.FromResult(VfsAttributes.Directory());

    public ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult<VfsNode?>(children.OfType<LeafNode>().FirstOrDefault(c => c.Key == name));

    public async IAsyncEnumerable<VfsDirEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var child in children.OfType<LeafNode>())
        {
            await Task.Yield();
            yield return new VfsDirEntry(child.Key, child);
        }
    }
}
