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
}
