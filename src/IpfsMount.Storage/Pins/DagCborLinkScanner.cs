// Finds the links of a dag-cbor block (dag-cbor spec: CIDs are tag 42 over a byte string 0x00||cid-bytes) by walking
// the CBOR items without building a value tree; indefinite lengths are rejected as dag-cbor forbids them.
namespace IpfsMount.Storage;

using System.Buffers.Binary;
using IpfsMount.Core;

internal static class DagCborLinkScanner
{
    private const int MaxDepth = 512;

    public static void Scan(ReadOnlySpan<byte> block, List<Cid> links)
    {
        var pos = 0;
        SkipItem(block, ref pos, links, 0);
        if (pos != block.Length)
        {
            throw new InvalidBlockException($"dag-cbor block has {block.Length - pos} trailing bytes after its value");
        }
    }

    private static void SkipItem(ReadOnlySpan<byte> src, ref int pos, List<Cid> links, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidBlockException($"dag-cbor block nests deeper than {MaxDepth}");
        }

        var head = Need(src, pos, 1)[0];
        pos++;
        var major = head >> 5;
        var arg = ReadArgument(src, ref pos, head & 0x1f);
        switch (major)
        {
            case 0 or 1 or 7:
                return;
            case 2 or 3:
                Skip(src, ref pos, arg);
                return;
            case 4:
                for (ulong i = 0; i < arg; i++)
                {
                    SkipItem(src, ref pos, links, depth + 1);
                }

                return;
            case 5:
                for (ulong i = 0; i < arg; i++)
                {
                    SkipItem(src, ref pos, links, depth + 1);
                    SkipItem(src, ref pos, links, depth + 1);
                }

                return;
            default:
                if (arg == 42)
                {
                    links.Add(ReadLink(src, ref pos));
                }
                else
                {
                    SkipItem(src, ref pos, links, depth + 1);
                }

                return;
        }
    }

    private static Cid ReadLink(ReadOnlySpan<byte> src, ref int pos)
    {
        var head = Need(src, pos, 1)[0];
        pos++;
        if (head >> 5 != 2)
        {
            throw new InvalidBlockException("dag-cbor tag 42 must wrap a byte string");
        }

        var length = ReadArgument(src, ref pos, head & 0x1f);
        var start = pos;
        Skip(src, ref pos, length);
        var bytes = src.Slice(start, (int)length);
        if (bytes.Length < 2 || bytes[0] != 0)
        {
            throw new InvalidBlockException("dag-cbor CID byte string must start with the 0x00 multibase prefix");
        }

        try
        {
            return Cid.FromBytes(bytes[1..]);
        }
        catch (InvalidCidException e)
        {
            throw new InvalidBlockException($"dag-cbor tag 42 holds an invalid CID: {e.Message}", e);
        }
    }

    private static ulong ReadArgument(ReadOnlySpan<byte> src, ref int pos, int info)
    {
        ulong value;
        switch (info)
        {
            case < 24:
                return (ulong)info;
            case 24:
                value = Need(src, pos, 1)[0];
                pos += 1;
                return value;
            case 25:
                value = BinaryPrimitives.ReadUInt16BigEndian(Need(src, pos, 2));
                pos += 2;
                return value;
            case 26:
                value = BinaryPrimitives.ReadUInt32BigEndian(Need(src, pos, 4));
                pos += 4;
                return value;
            case 27:
                value = BinaryPrimitives.ReadUInt64BigEndian(Need(src, pos, 8));
                pos += 8;
                return value;
            default:
                throw new InvalidBlockException($"dag-cbor block uses additional info {info} (indefinite lengths are not allowed)");
        }
    }

    private static void Skip(ReadOnlySpan<byte> src, ref int pos, ulong length)
    {
        if (length > (ulong)(src.Length - pos))
        {
            throw new InvalidBlockException("dag-cbor string runs past the end of the block");
        }

        pos += (int)length;
    }

    private static ReadOnlySpan<byte> Need(ReadOnlySpan<byte> src, int pos, int count)
    {
        if (src.Length - pos < count)
        {
            throw new InvalidBlockException("dag-cbor block is truncated");
        }

        return src.Slice(pos, count);
    }
}
