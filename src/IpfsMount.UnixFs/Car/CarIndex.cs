// CARv2 indexes (https://ipld.io/specs/transport/car/carv2/#index-format): writes MultihashIndexSorted (0x0401);
// reads it and IndexSorted (0x0400). Buckets by hash code, then by width (digest length + 8), digests sorted.
using System.Buffers.Binary;
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public static class CarIndex
{
    public const ulong IndexSorted = 0x0400;
    public const ulong MultihashIndexSorted = 0x0401;

    /// <summary>Encodes a MultihashIndexSorted (with its codec varint) of the given blocks; identity hashes are skipped.</summary>
    public static byte[] EncodeMultihashIndexSorted(IEnumerable<(Multihash Hash, ulong Offset)> records)
    {
        var byCode = new SortedDictionary<ulong, SortedDictionary<int, List<(ReadOnlyMemory<byte> Digest, ulong Offset)>>>();
        foreach (var (hash, offset) in records)
        {
            if (hash.Code == Multicodec.Identity) continue;
            if (!byCode.TryGetValue(hash.Code, out var byWidth)) byCode[hash.Code] = byWidth = new();
            int width = hash.Digest.Length + 8;
            if (!byWidth.TryGetValue(width, out var list)) byWidth[width] = list = new();
            list.Add((hash.Digest, offset));
        }
        using var output = new MemoryStream();
        output.Write(Varint.Encode(MultihashIndexSorted));
        Span<byte> scratch = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(scratch, byCode.Count);
        output.Write(scratch[..4]);
        foreach (var (code, byWidth) in byCode)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(scratch, code);
            output.Write(scratch[..8]);
            BinaryPrimitives.WriteInt32LittleEndian(scratch, byWidth.Count);
            output.Write(scratch[..4]);
            foreach (var (width, list) in byWidth)
            {
                list.Sort(static (a, b) => a.Digest.Span.SequenceCompareTo(b.Digest.Span));
                BinaryPrimitives.WriteUInt32LittleEndian(scratch, (uint)width);
                BinaryPrimitives.WriteUInt64LittleEndian(scratch[4..], (ulong)(width * list.Count));
                output.Write(scratch[..12]);
                foreach (var (digest, offset) in list)
                {
                    output.Write(digest.Span);
                    BinaryPrimitives.WriteUInt64LittleEndian(scratch, offset);
                    output.Write(scratch[..8]);
                }
            }
        }
        return output.ToArray();
    }

    /// <summary>Decodes an index (codec varint first) into its entries, in stored order.</summary>
    public static IReadOnlyList<CarIndexEntry> Decode(ReadOnlySpan<byte> index)
    {
        ulong codec;
        int pos;
        try
        {
            codec = Varint.Read(index, out pos);
        }
        catch (InvalidVarintException e)
        {
            throw new InvalidCarException("CARv2 index codec: " + e.Message, e);
        }
        var entries = new List<CarIndexEntry>();
        if (codec == IndexSorted)
        {
            ReadWidthBuckets(index, ref pos, null, entries);
        }
        else if (codec == MultihashIndexSorted)
        {
            int codes = ReadCount(index, ref pos, "hash-code bucket count");
            for (int i = 0; i < codes; i++)
            {
                ulong code = BinaryPrimitives.ReadUInt64LittleEndian(Take(index, ref pos, 8, "hash code"));
                ReadWidthBuckets(index, ref pos, code, entries);
            }
        }
        else
        {
            throw new InvalidCarException($"unsupported CARv2 index codec 0x{codec:x} (supported: 0x0400, 0x0401)");
        }
        if (pos != index.Length) throw new InvalidCarException($"CARv2 index has {index.Length - pos} trailing bytes");
        return entries;
    }

    private static void ReadWidthBuckets(ReadOnlySpan<byte> index, ref int pos, ulong? code, List<CarIndexEntry> into)
    {
        int buckets = ReadCount(index, ref pos, "width bucket count");
        for (int b = 0; b < buckets; b++)
        {
            uint width = BinaryPrimitives.ReadUInt32LittleEndian(Take(index, ref pos, 4, "bucket width"));
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(Take(index, ref pos, 8, "bucket length"));
            if (width <= 8 || width > 1024) throw new InvalidCarException($"CARv2 index bucket width {width} is out of range (9..1024)");
            if (length % width != 0) throw new InvalidCarException($"CARv2 index bucket of {length} bytes is not a multiple of its width {width}");
            if (length > (ulong)(index.Length - pos)) throw new InvalidCarException("CARv2 index is truncated inside a bucket");
            var bucket = Take(index, ref pos, (int)length, "bucket");
            for (int o = 0; o < bucket.Length; o += (int)width)
            {
                var record = bucket.Slice(o, (int)width);
                into.Add(new CarIndexEntry(code, record[..^8].ToArray(), BinaryPrimitives.ReadUInt64LittleEndian(record[^8..])));
            }
        }
    }

    private static int ReadCount(ReadOnlySpan<byte> index, ref int pos, string what)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(Take(index, ref pos, 4, what));
        if (count < 0 || count > index.Length) throw new InvalidCarException($"CARv2 index {what} {count} is out of range");
        return count;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> index, ref int pos, int count, string what)
    {
        if (count > index.Length - pos) throw new InvalidCarException($"CARv2 index is truncated at its {what} (offset {pos})");
        var span = index.Slice(pos, count);
        pos += count;
        return span;
    }
}
