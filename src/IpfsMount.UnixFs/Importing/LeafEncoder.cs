// Encodes one chunk as a leaf block: a raw block (codec 0x55) or a dag-pb node holding
// UnixFS{Type: File|Raw, Data: chunk, filesize} (ipfs/specs UNIXFS.md), built around the chunk in place.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// Turns a chunk into a stored leaf. The chunk sits at <see cref="HeaderRoom"/> in its buffer so that the dag-pb
/// and UnixFS prefixes can be written in front of it and the filesize field after it, without copying the chunk.
/// </summary>
internal sealed class LeafEncoder(BlockSink sink, ImportOptions options)
{
    /// <summary>Bytes reserved before the chunk (dag-pb tag+len, UnixFS type, Data tag+len: at most 14).</summary>
    public const int HeaderRoom = 16;

    /// <summary>Bytes reserved after the chunk (filesize tag + varint: at most 6).</summary>
    public const int TrailerRoom = 8;

    public async Task<LeafResult> EncodeAsync(byte[] buffer, int length, bool keepChunk, CancellationToken ct)
    {
        byte[]? kept = keepChunk ? buffer.AsSpan(HeaderRoom, length).ToArray() : null;
        if (options.RawLeaves)
        {
            var cid = await sink.PutAsync(buffer.AsMemory(HeaderRoom, length), Multicodec.Raw, 1, ct).ConfigureAwait(false);
            return new LeafResult(new FileChild(cid, (ulong)length, (ulong)length), kept);
        }
        var (start, blockLength) = WriteDagPbLeaf(buffer, length, options.LeafType);
        var pbCid = await sink.PutAsync(buffer.AsMemory(start, blockLength), Multicodec.DagPb, options.CidVersion, ct)
            .ConfigureAwait(false);
        return new LeafResult(new FileChild(pbCid, (ulong)blockLength, (ulong)length), kept);
    }

    /// <summary>Writes the dag-pb leaf around the chunk; returns where the block starts and its length.</summary>
    internal static (int Start, int Length) WriteDagPbLeaf(byte[] buffer, int length, UnixFsDataType type)
    {
        ulong n = (ulong)length;
        int dataField = length == 0 ? 0 : 1 + ProtobufWriter.VarintSize(n) + length;
        int inner = 2 + dataField + 1 + ProtobufWriter.VarintSize(n);
        int prefix = 1 + ProtobufWriter.VarintSize((ulong)inner) + 2 + (length == 0 ? 0 : 1 + ProtobufWriter.VarintSize(n));
        int start = HeaderRoom - prefix;
        var w = new ProtobufWriter(buffer.AsSpan(start, prefix));
        w.WriteTag(1, 2);
        w.WriteVarint((ulong)inner);
        w.WriteVarintField(1, (ulong)type);
        if (length > 0)
        {
            w.WriteTag(2, 2);
            w.WriteVarint(n);
        }
        var t = new ProtobufWriter(buffer.AsSpan(HeaderRoom + length));
        t.WriteVarintField(3, n);
        return (start, prefix + length + t.Position);
    }
}
