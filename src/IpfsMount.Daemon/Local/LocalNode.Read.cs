// `cat`, `get` and `ls`: resolving /ipfs paths and reading UnixFS DAGs from the repository (hash-checked reads).
using System.Runtime.CompilerServices;
using IpfsMount.Core;
using IpfsMount.Daemon.Api;
using IpfsMount.UnixFs;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    /// <summary>Leaves `cat`/`get` ask for ahead of the reader (4 MiB of 256 KiB leaves): many blocks in flight when they come from peers.</summary>
    private const int StreamReadAheadLeaves = 16;

    public async Task<Stream> CatAsync(string path, long offset, long? length, CancellationToken ct = default)
    {
        if (offset < 0) throw new ArgumentException("offset must not be negative");
        if (length < 0) throw new ArgumentException("length must not be negative");
        var resolver = new UnixFsResolver(Blocks);
        var node = await ResolveAsync(resolver, path, ct);
        if (node.IsDirectory) throw new ArgumentException($"{path} is a directory; use `ls` or `get`");
        if (node.Kind == UnixFsNodeKind.Symlink) throw new ArgumentException($"{path} is a symlink to '{node.SymlinkTarget}'");
        var stream = resolver.OpenRead(node, StreamReadAheadLeaves);
        stream.Position = Math.Min(offset, stream.Length);
        return length is { } n ? new LimitedReadStream(stream, n) : stream;
    }

    public async Task GetAsync(string path, IEntrySink sink, CancellationToken ct = default)
    {
        var resolver = new UnixFsResolver(Blocks);
        var node = await ResolveAsync(resolver, path, ct);
        await WriteTreeAsync(resolver, node, "", sink, ct);
    }

    public async IAsyncEnumerable<LsEntry> LsAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var resolver = new UnixFsResolver(Blocks);
        var dir = await ResolveAsync(resolver, path, ct);
        if (!dir.IsDirectory) throw new ArgumentException($"{path} is not a directory");
        await foreach (var entry in resolver.ListAsync(dir, ct))
        {
            var child = await resolver.GetNodeAsync(entry.Cid, ct);
            var type = child.IsDirectory ? "directory" : child.Kind == UnixFsNodeKind.Symlink ? "symlink" : "file";
            yield return new LsEntry(entry.Cid.ToString(), child.IsDirectory ? 0 : (ulong)child.Size, entry.Name, type);
        }
    }

    /// <summary>The CID a path names (the root itself, or the node at its sub-path).</summary>
    private async Task<Cid> ResolveCidAsync(string text, CancellationToken ct)
    {
        var path = IpfsPath.Parse(text);
        if (path.SubPath.Length == 0) return path.Root;
        return (await new UnixFsResolver(Blocks).ResolveAsync(path.Root, path.SubPath, ct)).Cid;
    }

    private static Task<UnixFsNode> ResolveAsync(UnixFsResolver resolver, string text, CancellationToken ct)
    {
        var path = IpfsPath.Parse(text);
        return resolver.ResolveAsync(path.Root, path.SubPath, ct);
    }

    private static async Task WriteTreeAsync(UnixFsResolver resolver, UnixFsNode node, string relative, IEntrySink sink, CancellationToken ct)
    {
        switch (node.Kind)
        {
            case UnixFsNodeKind.Symlink:
                await sink.SymlinkAsync(relative, node.SymlinkTarget!, ct);
                return;
            case UnixFsNodeKind.Directory or UnixFsNodeKind.HamtDirectory:
                await sink.DirectoryAsync(relative, ct);
                await foreach (var entry in resolver.ListAsync(node, ct))
                {
                    if (entry.Name is "" or "." or ".." || entry.Name.Contains('/') || entry.Name.Contains('\0'))
                        throw new InvalidBlockException($"directory {node.Cid} has an unsafe entry name '{entry.Name}'");
                    var child = await resolver.GetNodeAsync(entry.Cid, ct);
                    await WriteTreeAsync(resolver, child, relative.Length == 0 ? entry.Name : relative + "/" + entry.Name, sink, ct);
                }
                return;
            default:
                await using (var content = resolver.OpenRead(node, StreamReadAheadLeaves))
                {
                    await sink.FileAsync(relative, content, ct);
                }
                return;
        }
    }
}
