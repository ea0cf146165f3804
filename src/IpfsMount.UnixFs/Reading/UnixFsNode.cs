// A resolved UnixFS node: its CID, kind, size and metadata, decoded once from its root block.
using IpfsMount.Core;

namespace IpfsMount.UnixFs;

/// <summary>
/// A decoded UnixFS node. <see cref="Size"/> is the content length for files and raw blocks, the target's byte
/// length for symlinks, and the cumulative DAG size (block + link Tsizes) for directories.
/// </summary>
public sealed class UnixFsNode
{
    internal UnixFsNode(Cid cid, UnixFsNodeKind kind, long size, PbNode? pb, UnixFsData? data, ReadOnlyMemory<byte> rawBlock)
    {
        Cid = cid;
        Kind = kind;
        Size = size;
        Pb = pb;
        Data = data;
        RawBlock = rawBlock;
    }

    public Cid Cid { get; }

    public UnixFsNodeKind Kind { get; }

    public long Size { get; }

    public uint? Mode => Data?.Mode;

    public UnixFsTime? Mtime => Data?.Mtime;

    public string? SymlinkTarget => Kind == UnixFsNodeKind.Symlink ? System.Text.Encoding.UTF8.GetString(Data!.Data.Span) : null;

    public bool IsDirectory => Kind is UnixFsNodeKind.Directory or UnixFsNodeKind.HamtDirectory;

    public bool IsFile => Kind is UnixFsNodeKind.File or UnixFsNodeKind.Raw;

    internal PbNode? Pb { get; }

    internal UnixFsData? Data { get; }

    internal ReadOnlyMemory<byte> RawBlock { get; }

    /// <summary>Decodes a block as a UnixFS node.</summary>
    /// <exception cref="InvalidUnixFsException">The block is not valid UnixFS.</exception>
    public static UnixFsNode Decode(Cid cid, ReadOnlyMemory<byte> block)
    {
        if (cid.Codec == Multicodec.Raw)
            return new UnixFsNode(cid, UnixFsNodeKind.Raw, block.Length, null, null, block);
        if (cid.Codec != Multicodec.DagPb)
            throw new InvalidUnixFsException($"{cid} has codec {Multicodec.Name(cid.Codec)}; UnixFS needs dag-pb or raw.");
        PbNode pb;
        try
        {
            pb = DagPb.Decode(block);
        }
        catch (InvalidBlockException e)
        {
            throw new InvalidUnixFsException($"{cid} is not a valid dag-pb block: {e.Message}", e);
        }
        if (pb.Data is not { } dataBytes)
            throw new InvalidUnixFsException($"{cid} is dag-pb without a Data field, so it is not a UnixFS node.");
        UnixFsData data;
        try
        {
            data = UnixFsData.Decode(dataBytes);
        }
        catch (InvalidUnixFsException e)
        {
            throw new InvalidUnixFsException($"{cid}: {e.Message}", e);
        }
        return data.Type switch
        {
            UnixFsDataType.File or UnixFsDataType.Raw =>
                new UnixFsNode(cid, UnixFsNodeKind.File, FileLength(cid, pb, data), pb, data, default),
            UnixFsDataType.Directory =>
                new UnixFsNode(cid, UnixFsNodeKind.Directory, CumulativeSize(pb, block.Length), pb, data, default),
            UnixFsDataType.HamtShard =>
                new UnixFsNode(cid, UnixFsNodeKind.HamtDirectory, CumulativeSize(pb, block.Length), pb, ValidateShard(cid, data), default),
            UnixFsDataType.Symlink =>
                new UnixFsNode(cid, UnixFsNodeKind.Symlink, data.Data.Length, pb, data, default),
            _ => throw new InvalidUnixFsException($"{cid} is a UnixFS {data.Type} node, which is not supported."),
        };
    }

    /// <summary>Content length of a file node; checks that filesize, inline data and blocksizes agree.</summary>
    internal static long FileLength(Cid cid, PbNode pb, UnixFsData data)
    {
        if (pb.Links.Count != data.BlockSizes.Count)
            throw new InvalidUnixFsException($"{cid} has {pb.Links.Count} links but {data.BlockSizes.Count} blocksizes.");
        ulong total = (ulong)data.Data.Length;
        foreach (ulong b in data.BlockSizes)
        {
            total += b;
            if (total > long.MaxValue) throw new InvalidUnixFsException($"{cid} has blocksizes that overflow.");
        }
        if (data.FileSize is { } fs && fs != total)
            throw new InvalidUnixFsException($"{cid} says filesize {fs} but its data and blocksizes add up to {total}.");
        return (long)total;
    }

    private static long CumulativeSize(PbNode pb, int blockLength)
    {
        ulong total = (ulong)blockLength;
        foreach (var link in pb.Links) total += link.Tsize ?? 0;
        return (long)Math.Min(total, long.MaxValue);
    }

    private static UnixFsData ValidateShard(Cid cid, UnixFsData data)
    {
        if (data.HashType != Multicodec.Murmur3X64_64)
            throw new InvalidUnixFsException($"HAMT shard {cid} uses hash 0x{data.HashType ?? 0:x}; only murmur3-x64-64 (0x22) is supported.");
        if (data.Fanout is not { } f || f < 2 || f > 1024 || (f & (f - 1)) != 0)
            throw new InvalidUnixFsException($"HAMT shard {cid} has fanout {data.Fanout?.ToString() ?? "(none)"}; it must be a power of two from 2 to 1024.");
        return data;
    }
}
