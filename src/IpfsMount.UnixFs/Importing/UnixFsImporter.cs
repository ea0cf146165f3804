// The UnixFS v1 importer (ipfs/specs UNIXFS.md "Importing"): streams files into balanced or trickle DAGs and
// directory trees into flat or HAMT directories, giving the same CIDs as Kubo's `ipfs add` / ipfs-unixfs-importer.
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// Adds files and directory trees to a block store. A file is read once, in chunks, and never held in memory as a
/// whole; leaves are hashed on several threads while the DAG is built in file order.
/// </summary>
public sealed class UnixFsImporter
{
    private readonly ImportOptions _options;
    private readonly ChunkerSpec _chunker;
    private readonly BlockSink _sink;
    private readonly DirectoryWriter _directories;

    /// <exception cref="ArgumentException">The options are invalid (see <see cref="ImportOptions.Validate"/>).</exception>
    public UnixFsImporter(IBlockStore store, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _chunker = options.Validate();
        _sink = new BlockSink(store, options.HashCode);
        _directories = new DirectoryWriter(_sink, options);
    }

    public ImportOptions Options => _options;

    /// <summary>Imports one stream as a file; the entry's path is empty.</summary>
    public Task<ImportedEntry> AddFileAsync(Stream content, CancellationToken ct = default) =>
        AddFileAsync(content, null, null, ct);

    /// <summary>Imports one stream as a file carrying the given Unix mode and/or mtime.</summary>
    public async Task<ImportedEntry> AddFileAsync(Stream content, uint? mode, UnixFsTime? mtime, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = await ImportFileAsync(content, mode, mtime, ct).ConfigureAwait(false);
        return new ImportedEntry("", file.Cid, file.Tsize);
    }

    /// <summary>Imports a symlink whose target is <paramref name="target"/> (UnixFS Symlink, target as UTF-8 Data).</summary>
    public async Task<ImportedEntry> AddSymlinkAsync(string target, uint? mode = null, UnixFsTime? mtime = null,
        CancellationToken ct = default)
    {
        var node = await WriteSymlinkAsync(target, mode, mtime, ct).ConfigureAwait(false);
        return new ImportedEntry("", node.Cid, node.Tsize);
    }

    /// <summary>
    /// Imports a file, symlink or directory tree from disk. <paramref name="onEntry"/> sees every entry in Kubo's
    /// order: files and symlinks as they are added (walk order, names sorted by bytes), then directories
    /// bottom-up, the root last (then the wrapping directory, path "", with <see cref="ImportOptions.WrapWithDirectory"/>).
    /// Names starting with '.' are skipped unless <see cref="ImportOptions.IncludeHidden"/>.
    /// </summary>
    /// <returns>The root entry (the wrapping directory when wrapping).</returns>
    public async Task<ImportedEntry> AddPathAsync(string path, Action<ImportedEntry>? onEntry, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (full.Length > 1) full = Path.TrimEndingDirectorySeparator(full);
        string name = Path.GetFileName(full);
        if (name.Length == 0) name = full;
        var info = new FileInfo(full);
        if (!info.Exists && !Directory.Exists(full) && info.LinkTarget is null)
            throw new FileNotFoundException($"cannot add '{path}': no such file or directory", path);

        var directories = new List<ImportedEntry>();
        var root = await AddNodeAsync(full, name, onEntry, directories, ct).ConfigureAwait(false);
        foreach (var dir in directories) onEntry?.Invoke(dir);
        var rootEntry = new ImportedEntry(name, root.Node.Cid, root.Node.Tsize);
        if (!_options.WrapWithDirectory) return rootEntry;

        var wrapper = await _directories.WriteAsync(
            [new DirectoryChild(name, root.Node.Cid, root.Node.Tsize, !root.IsNonEmptyDirectory)], null, null, ct)
            .ConfigureAwait(false);
        var wrapEntry = new ImportedEntry("", wrapper.Cid, wrapper.Tsize);
        onEntry?.Invoke(wrapEntry);
        return wrapEntry;
    }

    /// <summary>Writes a directory from already-imported children (used by MFS-style callers and tests).</summary>
    public async Task<ImportedEntry> AddDirectoryAsync(IReadOnlyList<(string Name, Cid Cid, ulong Size)> children,
        uint? mode = null, UnixFsTime? mtime = null, CancellationToken ct = default)
    {
        var list = new List<DirectoryChild>(children.Count);
        foreach (var (n, c, s) in children)
        {
            ValidateName(n);
            list.Add(new DirectoryChild(n, c, s));
        }
        var dir = await _directories.WriteAsync(list, mode, mtime, ct).ConfigureAwait(false);
        return new ImportedEntry("", dir.Cid, dir.Tsize);
    }

    private readonly record struct AddedNode(FileChild Node, bool IsNonEmptyDirectory);

    private async Task<AddedNode> AddNodeAsync(string full, string relative, Action<ImportedEntry>? onEntry,
        List<ImportedEntry> directories, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var info = new FileInfo(full);
        uint? mode = _options.PreserveMode ? (uint)info.UnixFileMode : null;
        UnixFsTime? mtime = _options.PreserveMtime ? UnixFsTime.FromDateTime(info.LastWriteTimeUtc) : null;
        if (info.LinkTarget is { } target)
        {
            var link = await WriteSymlinkAsync(target, mode, mtime, ct).ConfigureAwait(false);
            onEntry?.Invoke(new ImportedEntry(relative, link.Cid, link.Tsize));
            return new AddedNode(link, false);
        }
        if ((info.Attributes & FileAttributes.Directory) != 0)
            return await AddDirectoryTreeAsync(full, relative, mode, mtime, onEntry, directories, ct).ConfigureAwait(false);
        if (!info.Exists)
            throw new IOException($"cannot add '{full}': it is not a regular file, directory or symlink");

        var stream = new FileStream(full, new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        await using (stream.ConfigureAwait(false))
        {
            var file = await ImportFileAsync(stream, mode, mtime, ct).ConfigureAwait(false);
            onEntry?.Invoke(new ImportedEntry(relative, file.Cid, file.Tsize));
            return new AddedNode(file, false);
        }
    }

    private async Task<AddedNode> AddDirectoryTreeAsync(string full, string relative, uint? mode, UnixFsTime? mtime,
        Action<ImportedEntry>? onEntry, List<ImportedEntry> directories, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(full))
        {
            string name = Path.GetFileName(entry);
            if (!_options.IncludeHidden && name.StartsWith('.')) continue;
            names.Add(name);
        }
        names.Sort(static (a, b) => CompareUtf8(a, b));
        var children = new List<DirectoryChild>(names.Count);
        foreach (string name in names)
        {
            var child = await AddNodeAsync(Path.Combine(full, name), relative + "/" + name, onEntry, directories, ct)
                .ConfigureAwait(false);
            children.Add(new DirectoryChild(name, child.Node.Cid, child.Node.Tsize, !child.IsNonEmptyDirectory));
        }
        var dir = await _directories.WriteAsync(children, mode, mtime, ct).ConfigureAwait(false);
        directories.Add(new ImportedEntry(relative, dir.Cid, dir.Tsize));
        return new AddedNode(dir, children.Count > 0);
    }

    private async Task<FileChild> ImportFileAsync(Stream content, uint? mode, UnixFsTime? mtime, CancellationToken ct)
    {
        var nodes = new FileNodeBuilder(_sink, _options, mode, mtime);
        var encoder = new LeafEncoder(_sink, _options);
        if (!_chunker.IsRabin && content.CanSeek && content.Length - content.Position <= _chunker.Size)
            return await ImportSmallFileAsync(content, nodes, encoder, ct).ConfigureAwait(false);

        int concurrency = _options.LeafConcurrency > 0 ? _options.LeafConcurrency : Environment.ProcessorCount + 2;
        var leaves = new LeafPipeline(_chunker.Create(content), encoder, concurrency, nodes.NeedsFirstChunk, ct);
        await using (leaves.ConfigureAwait(false))
            return await LayOutAsync(leaves, nodes, ct).ConfigureAwait(false);
    }

    /// <summary>A file of at most one chunk: encoded on this thread, no pipeline.</summary>
    private async Task<FileChild> ImportSmallFileAsync(Stream content, FileNodeBuilder nodes, LeafEncoder encoder,
        CancellationToken ct)
    {
        int size = LeafEncoder.HeaderRoom + (int)(content.Length - content.Position) + LeafEncoder.TrailerRoom;
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int n = await content.ReadAtLeastAsync(buffer.AsMemory(LeafEncoder.HeaderRoom, size - LeafEncoder.HeaderRoom - LeafEncoder.TrailerRoom),
                size - LeafEncoder.HeaderRoom - LeafEncoder.TrailerRoom, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            var leaf = await encoder.EncodeAsync(buffer, n, nodes.NeedsFirstChunk, ct).ConfigureAwait(false);
            return await LayOutAsync(new SingleLeafSource(leaf), nodes, ct).ConfigureAwait(false);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task<FileChild> LayOutAsync(ILeafSource leaves, FileNodeBuilder nodes, CancellationToken ct) =>
        _options.Trickle
            ? new TrickleLayout(leaves, nodes, _options, ct).BuildAsync()
            : BalancedLayout.BuildAsync(leaves, nodes, _options, ct);

    private async Task<FileChild> WriteSymlinkAsync(string target, uint? mode, UnixFsTime? mtime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var data = new UnixFsData
        {
            Type = UnixFsDataType.Symlink, Data = Encoding.UTF8.GetBytes(target),
            Mode = MetadataPolicy.EncodedMode(mode, isDirectory: false), Mtime = mtime,
        };
        var block = DagPb.Encode(new PbNode([], data.Encode()));
        var cid = await _sink.PutOwnedAsync(block, Multicodec.DagPb, _options.CidVersion, ct).ConfigureAwait(false);
        return new FileChild(cid, (ulong)block.Length, 0);
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0'))
            throw new ArgumentException($"'{name}' is not a valid directory entry name");
    }

    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
