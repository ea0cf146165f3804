// Test doubles for the node layer: an in-memory directory and file, to test the binding without IPFS content.
using System.Text;
using IpfsMount.Vfs;

namespace IpfsMount.Fuse.Tests;

internal sealed class MemoryDirectory(bool immutable = true) : VfsNode, ILookup, IDirectoryLister, IXattrs
{
    public Dictionary<string, VfsNode> Children { get; } = new();
    public override bool IsImmutable => immutable;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) => ValueTask.FromResult(VfsAttributes.Directory());

    public ValueTask<VfsNode?> LookupAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult(Children.TryGetValue(name, out var child) ? child : null);

    public async IAsyncEnumerable<VfsDirEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var (name, node) in Children.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await Task.Yield();
            yield return new VfsDirEntry(name, node);
        }
    }

    public IReadOnlyList<string> ListXattrs() => ["user.test.kind"];

    public ValueTask<byte[]?> GetXattrAsync(string name, CancellationToken ct) =>
        ValueTask.FromResult(name == "user.test.kind" ? Encoding.UTF8.GetBytes("directory") : null);
}

/// <summary>A file whose reads wait on <see cref="Gate"/> when one is set (a stand-in for a missing block).</summary>
internal sealed class MemoryFile(byte[] content) : VfsNode, IReadableFile
{
    public TaskCompletionSource? Gate { get; set; }
    public override bool IsImmutable => true;

    public override ValueTask<VfsAttributes> GetAttributesAsync(CancellationToken ct) =>
        ValueTask.FromResult(new VfsAttributes(VfsNodeKind.File, content.Length, 0b100_100_100, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 4096));

    public ValueTask<IFileReader> OpenReadAsync(CancellationToken ct) => ValueTask.FromResult<IFileReader>(new Reader(this, content));

    private sealed class Reader(MemoryFile file, byte[] content) : IFileReader
    {
        public long Length => content.Length;

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken ct)
        {
            if (file.Gate is { } gate) await gate.Task.WaitAsync(ct);
            if (offset >= content.Length) return 0;
            var n = (int)Math.Min(buffer.Length, content.Length - offset);
            content.AsMemory((int)offset, n).CopyTo(buffer);
            return n;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
