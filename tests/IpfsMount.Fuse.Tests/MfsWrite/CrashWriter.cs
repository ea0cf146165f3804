// The writer of the crash test: creates files through a temp name + fsync + rename, appends, renames and unlinks
// in `<mnt>/mfs` until the mount dies, recording every tree state it may have reached (one per changing syscall)
// and the last state an fsync acknowledged, so each committed version can be matched to a state afterwards.
using System.Collections.Immutable;

namespace IpfsMount.Fuse.Tests.MfsWrite;

/// <summary>A tree as the writer knows it: path → content (null for a directory).</summary>
internal sealed record WriterState(ImmutableSortedDictionary<string, byte[]?> Entries, string Step)
{
    /// <summary>The path whose content the step leading here grew (a write); a version may hold a prefix of it.</summary>
    public string? GrowingPath { get; init; }
}

internal sealed class CrashWriter
{
    private readonly string _root;
    private readonly Random _random;
    private readonly int _cycle;
    private int _counter;

    public CrashWriter(string root, ImmutableSortedDictionary<string, byte[]?> initial, int cycle, int seed)
    {
        _root = root;
        _cycle = cycle;
        _random = new Random(seed);
        States.Add(new WriterState(initial, "initial tree"));
    }

    /// <summary>States 0..n; the last one is the step in progress (or failed) when the writer stopped.</summary>
    public List<WriterState> States { get; } = [];

    /// <summary>Every state up to this index is covered by a successful fsync (so by a committed version).</summary>
    public int Acknowledged { get; private set; }

    /// <summary>Why the writer stopped (the failing step and its errno), or null while running.</summary>
    public string? StoppedBy { get; private set; }

    /// <summary>When the writer stopped (UTC).</summary>
    public DateTime StoppedAt { get; private set; }

    /// <summary>Runs until a step fails (the mount was killed) or <paramref name="ct"/> is cancelled.</summary>
    public void Run(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested) Step();
        }
        catch (WriterStopped e)
        {
            StoppedBy = e.Message;
        }
        StoppedBy ??= "cancelled";
        StoppedAt = DateTime.UtcNow;
    }

    private ImmutableSortedDictionary<string, byte[]?> Current => States[^1].Entries;

    private void Step()
    {
        var files = Current.Where(e => e.Value is not null).Select(e => e.Key).ToList();
        var dirs = Current.Where(e => e.Value is null).Select(e => e.Key).ToList();
        var roll = _random.Next(100);
        if (files.Count > 12 && roll < 60) roll = 90; // keep the tree small: unlink more
        if (roll < 45) NewFileByRename(dirs);
        else if (roll < 65 && files.Count > 0) Append(files[_random.Next(files.Count)]);
        else if (roll < 75 && files.Count > 0) Rename(files[_random.Next(files.Count)], dirs);
        else if (roll < 80 && dirs.Count < 4) Mkdir();
        else if (files.Count > 0) Unlink(files[_random.Next(files.Count)]);
        else NewFileByRename(dirs);
    }

    private void NewFileByRename(List<string> dirs)
    {
        var dir = dirs.Count > 0 && _random.Next(3) == 0 ? dirs[_random.Next(dirs.Count)] + "/" : "";
        var id = $"{_cycle:D2}-{++_counter:D4}";
        var temp = $"{dir}.tmp-{id}";
        var final = $"{dir}f-{id}";
        var content = Content();
        var fd = Open($"create {temp}", Current.SetItem(temp, []), temp, Posix.WriteOnly | Posix.Create | Posix.Exclusive);
        try
        {
            WriteChunks(fd, temp, [], content);
            Syscall($"fsync {temp}", Current, null, () => Posix.Check(Posix.FSync(fd)));
            Acknowledged = States.Count - 1;
        }
        finally
        {
            Posix.Close(fd);
        }
        Syscall($"rename {temp} -> {final}", Current.Remove(temp).SetItem(final, content), null,
            () => Posix.Check(Posix.Rename(Path.Combine(_root, temp), Path.Combine(_root, final))));
    }

    private void Append(string path)
    {
        var before = Current[path]!;
        var extra = Content(maxChunks: 2);
        var fd = Open($"open {path} O_APPEND", Current, path, Posix.WriteOnly | Posix.Append);
        try
        {
            WriteChunks(fd, path, before, [.. before, .. extra]);
            if (_random.Next(2) == 0)
            {
                Syscall($"fsync {path}", Current, null, () => Posix.Check(Posix.FSync(fd)));
                Acknowledged = States.Count - 1;
            }
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    private void WriteChunks(int fd, string path, byte[] before, byte[] after)
    {
        for (var done = before.Length; done < after.Length;)
        {
            var n = Math.Min(after.Length - done, _random.Next(1, 65_536));
            var offset = done;
            var next = after[..(done + n)];
            Syscall($"write {path} [{offset}, {offset + n})", Current.SetItem(path, next), path, () => Posix.PWriteAll(fd, after.AsSpan(offset, n), offset));
            done += n;
        }
    }

    private void Rename(string path, List<string> dirs)
    {
        var dir = dirs.Count > 0 && _random.Next(2) == 0 ? dirs[_random.Next(dirs.Count)] + "/" : "";
        var target = $"{dir}r-{_cycle:D2}-{++_counter:D4}";
        Syscall($"rename {path} -> {target}", Current.Remove(path).SetItem(target, Current[path]), null,
            () => Posix.Check(Posix.Rename(Path.Combine(_root, path), Path.Combine(_root, target))));
    }

    private void Mkdir()
    {
        var dir = $"d-{_cycle:D2}-{++_counter:D4}";
        Syscall($"mkdir {dir}", Current.SetItem(dir, null), null, () => Posix.Check(Posix.Mkdir(Path.Combine(_root, dir), 493)));
    }

    private void Unlink(string path) =>
        Syscall($"unlink {path}", Current.Remove(path), null, () => Posix.Check(Posix.Unlink(Path.Combine(_root, path))));

    private byte[] Content(int maxChunks = 6)
    {
        var size = _random.Next(10) == 0 ? _random.Next(262_144, 700_000) : _random.Next(0, 65_536 * _random.Next(1, maxChunks));
        var bytes = new byte[size];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Records the state the call leads to (before making it: the call may take effect and still fail),
    /// then makes it; a failure stops the writer.</summary>
    private void Syscall(string step, ImmutableSortedDictionary<string, byte[]?> after, string? growing, Func<string> call)
    {
        if (!ReferenceEquals(after, Current)) States.Add(new WriterState(after, step) { GrowingPath = growing });
        var result = call();
        if (result != "ok") throw new WriterStopped($"{step}: {result}");
    }

    private int Open(string step, ImmutableSortedDictionary<string, byte[]?> after, string path, int flags)
    {
        var fd = -1;
        Syscall(step, after, null, () =>
        {
            fd = Posix.Open(Path.Combine(_root, path), flags, 420);
            return Posix.Check(fd);
        });
        return fd;
    }

    private sealed class WriterStopped(string message) : Exception(message);
}
