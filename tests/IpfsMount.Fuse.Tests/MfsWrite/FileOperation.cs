// One file-system operation of the model test, applied through libc to a tree root; its result ("ok", an errno
// name, or what a read returned) must be the same on the local disk and in `<mnt>/mfs`.
using System.Security.Cryptography;

namespace IpfsMount.Fuse.Tests.MfsWrite;

internal enum FileOperationKind
{
    Create, CreateExclusive, CreateTruncate, WriteAt, Append, Truncate, FTruncate, Rename, Unlink, Mkdir, Rmdir,
    Symlink, Chmod, ReadAt, WriteFsync, UnlinkWhileOpen,
    // on a handle kept open across steps (Offset = slot for Hold*: the path may be renamed or unlinked meanwhile)
    OpenHeld, WriteHeld, ReadHeld, TruncateHeld, FsyncHeld, CloseHeld,
}

/// <param name="Path">the relative path operated on</param>
/// <param name="Other">rename target or symlink target</param>
/// <param name="Offset">write/read offset or truncate length</param>
/// <param name="Length">bytes to write or read</param>
/// <param name="Mode">chmod/mkdir mode</param>
/// <param name="DataSeed">seed of the bytes written</param>
/// <param name="Slot">the held handle an *Held operation uses</param>
internal sealed record FileOperation(FileOperationKind Kind, string Path, string? Other = null, long Offset = 0, int Length = 0, int Mode = 0, int DataSeed = 0, int Slot = -1)
{
    private const int FileMode = 420; // 0644

    public override string ToString() => Kind switch
    {
        FileOperationKind.Rename => $"rename {Quote(Path)} -> {Quote(Other!)}",
        FileOperationKind.Symlink => $"symlink {Quote(Path)} -> {Quote(Other!)}",
        FileOperationKind.WriteAt or FileOperationKind.WriteFsync => $"{Kind} {Quote(Path)} offset {Offset} length {Length} data {DataSeed}",
        FileOperationKind.ReadAt => $"read {Quote(Path)} offset {Offset} length {Length}",
        FileOperationKind.Append or FileOperationKind.UnlinkWhileOpen => $"{Kind} {Quote(Path)} length {Length} data {DataSeed}",
        FileOperationKind.Truncate or FileOperationKind.FTruncate => $"{Kind} {Quote(Path)} to {Offset}",
        FileOperationKind.Chmod or FileOperationKind.Mkdir => $"{Kind} {Quote(Path)} {Convert.ToString(Mode, 8)}",
        FileOperationKind.OpenHeld => $"open {Quote(Path)} as handle {Slot}{(Mode != 0 ? " O_APPEND" : "")}",
        FileOperationKind.WriteHeld => $"write handle {Slot} offset {Offset} length {Length} data {DataSeed}",
        FileOperationKind.ReadHeld => $"read handle {Slot} offset {Offset} length {Length}",
        FileOperationKind.TruncateHeld => $"ftruncate handle {Slot} to {Offset}",
        FileOperationKind.FsyncHeld or FileOperationKind.CloseHeld => $"{Kind} handle {Slot}",
        _ => $"{Kind} {Quote(Path)}",
    };

    /// <summary>Applies the operation under <paramref name="root"/>; returns what a caller observes.</summary>
    /// <param name="handles">this side's held handles by slot (-1: closed or failed to open)</param>
    public string Apply(string root, List<int> handles)
    {
        var path = System.IO.Path.Combine(root, Path);
        if (Slot >= 0) return ApplyHeld(path, handles);
        return Kind switch
        {
            FileOperationKind.Create => OpenClose(path, Posix.WriteOnly | Posix.Create),
            FileOperationKind.CreateExclusive => OpenClose(path, Posix.WriteOnly | Posix.Create | Posix.Exclusive),
            FileOperationKind.CreateTruncate => OpenClose(path, Posix.WriteOnly | Posix.Create | Posix.TruncateFlag),
            FileOperationKind.WriteAt => WithFile(path, Posix.WriteOnly, fd => Posix.PWriteAll(fd, Data(), Offset)),
            FileOperationKind.WriteFsync => WithFile(path, Posix.ReadWrite, fd => Then(Posix.PWriteAll(fd, Data(), Offset), () => Posix.Check(Posix.FSync(fd)))),
            FileOperationKind.Append => WithFile(path, Posix.WriteOnly | Posix.Append, fd => Posix.WriteAll(fd, Data())),
            FileOperationKind.Truncate => Posix.Check(Posix.Truncate(path, Offset)),
            FileOperationKind.FTruncate => WithFile(path, Posix.WriteOnly, fd => Posix.Check(Posix.FTruncate(fd, Offset))),
            FileOperationKind.Rename => Posix.Check(Posix.Rename(path, System.IO.Path.Combine(root, Other!))),
            FileOperationKind.Unlink => Posix.Check(Posix.Unlink(path)),
            FileOperationKind.Mkdir => Posix.Check(Posix.Mkdir(path, Mode)),
            FileOperationKind.Rmdir => Posix.Check(Posix.Rmdir(path)),
            FileOperationKind.Symlink => Posix.Check(Posix.Symlink(Other!, path)),
            FileOperationKind.Chmod => Posix.Check(Posix.Chmod(path, Mode)),
            FileOperationKind.ReadAt => WithFile(path, Posix.ReadOnly, fd => Read(fd, Offset, Length)),
            FileOperationKind.UnlinkWhileOpen => UnlinkWhileOpen(path),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
        };
    }

    private string ApplyHeld(string path, List<int> handles)
    {
        if (Kind == FileOperationKind.OpenHeld)
        {
            while (handles.Count <= Slot) handles.Add(-1);
            var opened = Posix.Open(path, Posix.ReadWrite | (Mode != 0 ? Posix.Append : 0), FileMode);
            handles[Slot] = opened;
            return opened < 0 ? "open " + Posix.Check(opened) : "ok";
        }
        var fd = Slot < handles.Count ? handles[Slot] : -1;
        if (fd < 0) return "no handle";
        switch (Kind)
        {
            case FileOperationKind.CloseHeld:
                handles[Slot] = -1;
                return Posix.Check(Posix.Close(fd));
            case FileOperationKind.WriteHeld: return Posix.PWriteAll(fd, Data(), Offset);
            case FileOperationKind.ReadHeld: return Read(fd, Offset, Length);
            case FileOperationKind.TruncateHeld: return Posix.Check(Posix.FTruncate(fd, Offset));
            case FileOperationKind.FsyncHeld: return Posix.Check(Posix.FSync(fd));
            default: throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null);
        }
    }

    /// <summary>Open, unlink, then write to and read everything back through the still-open handle.</summary>
    private string UnlinkWhileOpen(string path) => WithFile(path, Posix.ReadWrite, fd =>
    {
        var unlink = Posix.Check(Posix.Unlink(path));
        if (unlink != "ok") return "unlink " + unlink;
        var write = Posix.PWriteAll(fd, Data(), 0);
        return write != "ok" ? "write after unlink " + write : Read(fd, 0, 4 << 20);
    });

    private static string Read(int fd, long offset, int length)
    {
        var buffer = new byte[length];
        var n = Posix.PReadSome(fd, buffer, offset);
        return n < 0 ? Posix.ErrnoName((int)-n) : $"read {n} B sha256 {Convert.ToHexString(SHA256.HashData(buffer.AsSpan(0, (int)n)))[..16]}";
    }

    private byte[] Data()
    {
        var bytes = new byte[Length];
        new Random(DataSeed).NextBytes(bytes);
        return bytes;
    }

    private static string OpenClose(string path, int flags) => WithFile(path, flags, _ => "ok");

    private static string WithFile(string path, int flags, Func<int, string> action)
    {
        var fd = Posix.Open(path, flags, FileMode);
        if (fd < 0) return "open " + Posix.Check(fd);
        var closeResult = "ok";
        string result;
        try
        {
            result = action(fd);
        }
        finally
        {
            closeResult = Posix.Check(Posix.Close(fd));
        }
        return closeResult == "ok" ? result : $"{result}, close {closeResult}";
    }

    private static string Then(string first, Func<string> next) => first == "ok" ? next() : first;

    private static string Quote(string s) => "'" + s + "'";
}
