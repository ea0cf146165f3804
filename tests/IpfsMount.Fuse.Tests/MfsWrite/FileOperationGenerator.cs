// Random file-system operations for the model test, drawn from a seed and the current local tree: mostly valid
// ones, plus a share of invalid ones (wrong kinds, missing parents, renames into themselves) whose errno is compared.
namespace IpfsMount.Fuse.Tests.MfsWrite;

internal sealed class FileOperationGenerator(int seed)
{
    private const long MaxFileSize = 1_500_000;
    private static readonly string[] Names = ["a", "b", "c", "d", "e", "f", "g", "h", "long name with spaces", "ü.txt"];
    private static readonly int[] FileModes = [420, 384, 493, 292, 416]; // 644 600 755 444 640
    private static readonly int[] DirModes = [493, 448, 365]; // 755 700 555
    private readonly Random _random = new(seed);
    private readonly List<int> _openSlots = [];
    private int _data = seed * 100_000;
    private int _nextSlot;

    /// <summary>Slots of handles this generator opened and has not closed yet.</summary>
    public IReadOnlyList<int> OpenSlots => _openSlots;

    public FileOperation Next(TreeSnapshot tree)
    {
        var files = Of(tree, TreeEntryKind.File);
        var dirs = Of(tree, TreeEntryKind.Directory);
        dirs.Add("");
        var all = tree.Entries.Keys.ToList();
        if (_random.Next(100) < 18) return Held(files);
        var roll = _random.Next(100);
        if (files.Count == 0 && roll >= 25) roll = _random.Next(25);
        return roll switch
        {
            < 12 => new(Pick(FileOperationKind.Create, FileOperationKind.CreateExclusive, FileOperationKind.CreateTruncate), Target(files, dirs, 0.3)),
            < 20 => new(FileOperationKind.Mkdir, Target(dirs, dirs, 0.1), Mode: Pick(DirModes)),
            < 25 => new(FileOperationKind.Symlink, Target(all, dirs, 0.1), Other: LinkTarget(all)),
            < 42 => Write(FileOperationKind.WriteAt, Pick(files), tree),
            < 47 => Write(FileOperationKind.WriteFsync, Pick(files), tree),
            < 55 => new(FileOperationKind.Append, Pick(files), Length: Length(), DataSeed: ++_data),
            < 62 => new(Pick(FileOperationKind.Truncate, FileOperationKind.FTruncate), Pick(files), Offset: TruncateLength(tree, Pick(files))),
            < 74 => new(FileOperationKind.Rename, Pick(all), Other: Target(all, dirs, 0.3)),
            < 79 => new(FileOperationKind.Unlink, Invalid(0.15) ? Pick(dirs) : Pick(Of(tree, TreeEntryKind.Symlink).Concat(files).ToList())),
            < 84 => new(FileOperationKind.Rmdir, Invalid(0.15) ? Pick(all) : Pick(dirs)),
            < 89 => ChmodOf(tree, files, dirs),
            < 96 => Read(Pick(files), tree),
            _ => new(FileOperationKind.UnlinkWhileOpen, Pick(files), Length: Length(), DataSeed: ++_data),
        };
    }

    /// <summary>An operation on a handle kept open across steps (opened when fewer than 4 are open).</summary>
    private FileOperation Held(List<string> files)
    {
        if (_openSlots.Count == 0 || (_openSlots.Count < 4 && _random.Next(4) == 0))
        {
            var slot = _nextSlot++;
            _openSlots.Add(slot);
            return new(FileOperationKind.OpenHeld, Pick(files), Mode: _random.Next(5) == 0 ? 1 : 0, Slot: slot);
        }
        var held = _openSlots[_random.Next(_openSlots.Count)];
        switch (_random.Next(10))
        {
            case 0:
                _openSlots.Remove(held);
                return new(FileOperationKind.CloseHeld, "", Slot: held);
            case 1: return new(FileOperationKind.FsyncHeld, "", Slot: held);
            case 2: return new(FileOperationKind.TruncateHeld, "", Offset: _random.Next(300_000), Slot: held);
            case < 6: return new(FileOperationKind.ReadHeld, "", Offset: _random.Next(400_000), Length: _random.Next(1, 200_000), Slot: held);
            default: return new(FileOperationKind.WriteHeld, "", Offset: _random.Next(400_000), Length: Length(), DataSeed: ++_data, Slot: held);
        }
    }

    private FileOperation Write(FileOperationKind kind, string path, TreeSnapshot tree)
    {
        var size = tree.Entries.TryGetValue(path, out var e) ? e.Size : 0;
        var length = Length();
        long offset = _random.Next(100) switch
        {
            < 10 => 0,
            < 25 => size,
            < 30 => size + _random.Next(1, 600_000), // leaves a hole
            _ => _random.NextInt64(size + 1),
        };
        if (offset + length > MaxFileSize) offset = Math.Max(0, MaxFileSize - length - _random.Next(10_000));
        return new(kind, path, Offset: offset, Length: length, DataSeed: ++_data);
    }

    private FileOperation Read(string path, TreeSnapshot tree)
    {
        var size = tree.Entries.TryGetValue(path, out var e) ? e.Size : 0;
        return new(FileOperationKind.ReadAt, path, Offset: _random.NextInt64(size + 5000), Length: _random.Next(1, 300_000));
    }

    private FileOperation ChmodOf(TreeSnapshot tree, List<string> files, List<string> dirs)
    {
        var dir = _random.Next(3) == 0 && dirs.Count > 1;
        return dir
            ? new(FileOperationKind.Chmod, Pick(dirs.Where(d => d.Length > 0).ToList()), Mode: Pick(DirModes))
            : new(FileOperationKind.Chmod, Pick(files), Mode: Pick(FileModes));
    }

    private int Length() => _random.Next(100) switch
    {
        < 70 => _random.Next(1, 8_192),
        < 92 => _random.Next(8_192, 120_000),
        _ => _random.Next(120_000, 400_000),
    };

    private long TruncateLength(TreeSnapshot tree, string path)
    {
        var size = tree.Entries.TryGetValue(path, out var e) ? e.Size : 0;
        return _random.Next(4) switch
        {
            0 => 0,
            1 => Math.Min(MaxFileSize, size + _random.Next(1, 300_000)),
            _ => _random.NextInt64(size + 1),
        };
    }

    /// <summary>An existing entry (with probability <paramref name="existing"/>) or a new name in an existing directory;
    /// now and then a name under a file or a missing directory (ENOTDIR/ENOENT).</summary>
    private string Target(List<string> existingPaths, List<string> dirs, double existing)
    {
        if (existingPaths.Count > 0 && _random.NextDouble() < existing) return Pick(existingPaths);
        if (Invalid(0.04)) return Join(Pick(dirs), "missing-dir/" + Pick(Names));
        var dir = Pick(dirs);
        for (var i = 0; i < 4; i++)
        {
            var candidate = Join(dir, Pick(Names));
            if (!existingPaths.Contains(candidate)) return candidate;
        }
        return Join(dir, Pick(Names) + _random.Next(1000));
    }

    private string LinkTarget(List<string> all) => _random.Next(3) switch
    {
        0 when all.Count > 0 => Pick(all),
        1 => "../" + Pick(Names) + "/nowhere",
        _ => "/absolute/" + Pick(Names),
    };

    private bool Invalid(double p) => _random.NextDouble() < p;

    private static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;

    private static List<string> Of(TreeSnapshot tree, TreeEntryKind kind) =>
        tree.Entries.Where(e => e.Value.Kind == kind).Select(e => e.Key).ToList();

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    private string Pick(List<string> items) => items.Count == 0 ? "no-such-entry" : items[_random.Next(items.Count)];
}
