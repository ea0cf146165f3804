// The request body of a remote `add`: walks each input (file, directory tree, symlink, stdin) and writes it
// with the entry framing while the request is being sent — nothing is read into memory whole.
using System.Net;
using IpfsMount.Daemon.Api;

namespace IpfsMount.Daemon.Http;

internal sealed class UploadContent(IAsyncEnumerable<AddInput> inputs, bool mode, bool mtime) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var writer = new EntryFrameWriter(stream);
        await foreach (var input in inputs.WithCancellation(cancellationToken))
        {
            if (input.Content is { } content)
            {
                await writer.FileAsync(input.Name ?? "", null, null, content, null, cancellationToken);
                continue;
            }
            var path = Path.GetFullPath(input.LocalPath!);
            var name = Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar));
            await WriteTreeAsync(writer, path, name, cancellationToken);
        }
        await writer.EndAsync(cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    private async Task WriteTreeAsync(EntryFrameWriter writer, string fullPath, string relative, CancellationToken ct)
    {
        var info = new FileInfo(fullPath);
        long? fileMtime = mtime ? info.LastWriteTimeUtc.Ticks : null; // a symlink's own time (lstat)
        if (info.LinkTarget is { } target)
        {
            await writer.SymlinkAsync(relative, target, fileMtime, ct);
            return;
        }
        uint? fileMode = mode && !OperatingSystem.IsWindows() ? (uint)info.UnixFileMode : null;
        if (Directory.Exists(fullPath))
        {
            await writer.DirectoryAsync(relative, fileMode, fileMtime, ct);
            var children = Directory.GetFileSystemEntries(fullPath).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            foreach (var child in children)
                await WriteTreeAsync(writer, Path.Combine(fullPath, child!), relative + "/" + child, ct);
            return;
        }
        await using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await writer.FileAsync(relative, fileMode, fileMtime, file, null, ct);
    }
}
