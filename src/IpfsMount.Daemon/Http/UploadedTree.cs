// Turns an uploaded entry stream into `add` inputs: a plain top-level file streams straight through; a
// directory, symlink or a file whose mode/mtime must be kept is first written under a temporary folder
// (on disk, never in memory) so the importer can read it like a local path.
using System.Runtime.CompilerServices;

namespace IpfsMount.Daemon.Http;

using IpfsMount.Daemon.Api;

internal sealed class UploadedTree(EntryFrameReader reader, string spoolRoot, bool keepMetadata) : IAsyncDisposable
{
    private string? _spool;
    private EntryFrame? _pushedBack;

    public async IAsyncEnumerable<AddInput> InputsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (await NextAsync(ct) is { } top)
        {
            var name = CheckedRelativePath(top.Path);
            if (name.Contains('/')) throw new InvalidDataException($"bad entry stream: '{name}' comes before its directory");
            if (top.Kind == EntryKind.File && !keepMetadata)
            {
                yield return AddInput.FromStream(top.Content!, name.Length == 0 ? null : name);
                continue;
            }
            var target = Path.Combine(SpoolDirectory(), name);
            var directories = new List<EntryFrame>();
            await WriteEntryAsync(top, target, directories, ct);
            while (await NextAsync(ct) is { } child)
            {
                var childPath = CheckedRelativePath(child.Path);
                if (!childPath.StartsWith(name + "/", StringComparison.Ordinal))
                {
                    _pushedBack = child;
                    break;
                }
                await WriteEntryAsync(child, Path.Combine(SpoolDirectory(), childPath), directories, ct);
            }
            // a directory's mtime changes while its children are written (and a read-only mode would stop them):
            // set directory metadata last, deepest first
            for (var i = directories.Count - 1; i >= 0; i--) ApplyMetadata(directories[i], directories[i].Path);
            yield return AddInput.FromPath(target);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_spool is not null && Directory.Exists(_spool)) Directory.Delete(_spool, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<EntryFrame?> NextAsync(CancellationToken ct)
    {
        if (_pushedBack is { } frame)
        {
            _pushedBack = null;
            return frame;
        }
        return await reader.NextAsync(ct);
    }

    private string SpoolDirectory()
    {
        if (_spool is null)
        {
            _spool = Path.Combine(spoolRoot, "add-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_spool);
        }
        return _spool;
    }

    private static async Task WriteEntryAsync(EntryFrame frame, string target, List<EntryFrame> directories, CancellationToken ct)
    {
        switch (frame.Kind)
        {
            case EntryKind.Directory:
                Directory.CreateDirectory(target);
                directories.Add(frame with { Path = target });
                return;
            case EntryKind.Symlink:
                File.CreateSymbolicLink(target, frame.Target!);
                if (frame.MtimeTicks is not null) ApplyMetadata(frame with { Mode = null }, target); // sets the link's own time
                return;
            case EntryKind.File:
                await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await frame.Content!.CopyToAsync(file, 1 << 18, ct);
                }
                break;
        }
        ApplyMetadata(frame, target);
    }

    private static void ApplyMetadata(EntryFrame frame, string target)
    {
        if (frame.Mode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(target, (UnixFileMode)(mode & 0xFFF));
        if (frame.MtimeTicks is not { } ticks) return;
        if (ticks is < 0 || ticks > DateTime.MaxValue.Ticks) throw new InvalidDataException($"bad entry stream: bad mtime for '{frame.Path}'");
        var when = new DateTime(ticks, DateTimeKind.Utc);
        if (frame.Kind == EntryKind.Directory) Directory.SetLastWriteTimeUtc(target, when);
        else File.SetLastWriteTimeUtc(target, when);
    }

    private static string CheckedRelativePath(string path)
    {
        foreach (var part in path.Split('/'))
        {
            if (part is "." or ".." || (part.Length == 0 && path.Length != 0))
                throw new InvalidDataException($"bad entry stream: unsafe path '{path}'");
        }
        if (path.Contains('\0') || path.StartsWith('/')) throw new InvalidDataException($"bad entry stream: unsafe path '{path}'");
        return path;
    }
}
