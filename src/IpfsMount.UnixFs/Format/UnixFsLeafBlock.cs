// One file leaf as a dag-pb block (UnixFS spec "File" with inline Data), encoded with a single copy of the chunk.
namespace IpfsMount.UnixFs;

public static class UnixFsLeafBlock
{
    /// <summary>The dag-pb bytes of a leaf holding <paramref name="chunk"/> (the importer's exact encoding).</summary>
    public static ReadOnlyMemory<byte> Encode(ReadOnlySpan<byte> chunk, UnixFsDataType type = UnixFsDataType.File)
    {
        var buffer = new byte[LeafEncoder.HeaderRoom + chunk.Length + LeafEncoder.TrailerRoom];
        chunk.CopyTo(buffer.AsSpan(LeafEncoder.HeaderRoom));
        var (start, length) = LeafEncoder.WriteDagPbLeaf(buffer, chunk.Length, type);
        return buffer.AsMemory(start, length);
    }

    /// <summary>Bytes a caller reserves before a chunk it wants encoded in place (<see cref="EncodeInPlace"/>).</summary>
    public const int HeaderRoom = LeafEncoder.HeaderRoom;

    /// <summary>Bytes a caller reserves after a chunk it wants encoded in place.</summary>
    public const int TrailerRoom = LeafEncoder.TrailerRoom;

    /// <summary>
    /// The dag-pb leaf around a chunk of <paramref name="length"/> bytes that already sits at <see cref="HeaderRoom"/>
    /// in <paramref name="buffer"/> (which has <see cref="TrailerRoom"/> bytes after it): no copy of the chunk; only
    /// the bytes before and after it are written. The result points into <paramref name="buffer"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> EncodeInPlace(byte[] buffer, int length, UnixFsDataType type = UnixFsDataType.File)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (length < 0 || buffer.Length < HeaderRoom + length + TrailerRoom)
            throw new ArgumentOutOfRangeException(nameof(length), $"the buffer needs {HeaderRoom} bytes before and {TrailerRoom} after the {length}-byte chunk");
        var (start, blockLength) = LeafEncoder.WriteDagPbLeaf(buffer, length, type);
        return buffer.AsMemory(start, blockLength);
    }
}
