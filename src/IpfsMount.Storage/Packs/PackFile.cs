// One append-only pack file (<repo>/packs/NNNNNN.pack): block bytes back to back, written with positional writes at
// offsets reserved by PackStore, read with positional reads; the RocksDB index says which bytes belong to which block.
namespace IpfsMount.Storage;

using System.Globalization;
using Microsoft.Win32.SafeHandles;

internal sealed class PackFile : IDisposable
{
    private readonly SafeFileHandle _handle;
    private long _length;

    private PackFile(uint id, string path, SafeFileHandle handle, long length)
    {
        Id = id;
        Path = path;
        _handle = handle;
        _length = length;
    }

    public uint Id { get; }

    public string Path { get; }

    /// <summary>Bytes reserved so far (written, or being written by a concurrent Append).</summary>
    public long Length => Volatile.Read(ref _length);

    public static string FileName(uint id) => id.ToString("D6", CultureInfo.InvariantCulture) + ".pack";

    public static bool TryParseId(string fileName, out uint id)
    {
        id = 0;
        return fileName.EndsWith(".pack", StringComparison.Ordinal)
            && uint.TryParse(fileName.AsSpan(0, fileName.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Opens (or creates) a pack read-write; other handles may read, write and delete it meanwhile (a GC
    /// deletes a retired pack while a reader may still hold it).</summary>
    public static PackFile Open(string directory, uint id)
    {
        var path = System.IO.Path.Combine(directory, FileName(id));
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        return new PackFile(id, path, handle, RandomAccess.GetLength(handle));
    }

    /// <summary>Reserves <paramref name="count"/> bytes at the end; the caller (holding PackStore's lock) writes them.</summary>
    public long Reserve(int count)
    {
        var offset = _length;
        Volatile.Write(ref _length, offset + count);
        return offset;
    }

    public void Write(ReadOnlySpan<byte> data, long offset) => RandomAccess.Write(_handle, data, offset);

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; the count read is short only when
    /// the file ends first (a torn or truncated pack). ObjectDisposedException once the pack was retired.</summary>
    public int Read(Span<byte> destination, long offset)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Makes the written bytes durable (fsync of the pack).</summary>
    public void Sync() => RandomAccess.FlushToDisk(_handle);

    public void Dispose() => _handle.Dispose();
}
