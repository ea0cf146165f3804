// Test-side reader of the UnixFS DAGs the interop tests move: file bytes (data fields and raw leaves in order) and
// directory trees, from a local block store (UnixFS spec: Data.Type field 1, Data.Data field 2).
using System.Security.Cryptography;
using IpfsMount.Core;

namespace IpfsMount.Net.Tests.Bitswap;

internal static class UnixFsTestReader
{
    private const int TypeDirectory = 1, TypeHamt = 5;

    /// <summary>sha256 and size of a file DAG's content.</summary>
    public static async Task<(string Sha256, long Size)> HashFileAsync(IBlockStore store, Cid root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        async Task WalkAsync(Cid cid)
        {
            var data = await store.GetAsync(cid);
            if (cid.Codec == Multicodec.Raw)
            {
                sha.AppendData(data.Span);
                size += data.Length;
                return;
            }
            var node = DagPb.Decode(data);
            var (_, inline) = ParseData(node.Data);
            if (inline.Length > 0)
            {
                sha.AppendData(inline.Span);
                size += inline.Length;
            }
            foreach (var link in node.Links)
                await WalkAsync(link.Hash);
        }
        await WalkAsync(root);
        return (Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), size);
    }

    /// <summary>Every file under a directory DAG as "/a/b" → (sha256, size), like bitswap-peer.mjs prints them.</summary>
    public static async Task<SortedDictionary<string, (string Sha256, long Size)>> ReadTreeAsync(IBlockStore store, Cid root)
    {
        var files = new SortedDictionary<string, (string, long)>(StringComparer.Ordinal);
        async Task WalkAsync(Cid cid, string prefix)
        {
            var node = DagPb.Decode(await store.GetAsync(cid));
            var (type, _) = ParseData(node.Data);
            if (type == TypeHamt)
                throw new NotSupportedException("HAMT directories are not read by this test helper");
            foreach (var link in node.Links)
            {
                var path = prefix + "/" + link.Name;
                if (link.Hash.Codec == Multicodec.DagPb && ParseData(DagPb.Decode(await store.GetAsync(link.Hash)).Data).Type == TypeDirectory)
                    await WalkAsync(link.Hash, path);
                else
                    files[path] = await HashFileAsync(store, link.Hash);
            }
        }
        await WalkAsync(root, "");
        return files;
    }

    private static (ulong Type, ReadOnlyMemory<byte> Data) ParseData(ReadOnlyMemory<byte>? unixfs)
    {
        if (unixfs is not { } mem)
            return (0, ReadOnlyMemory<byte>.Empty);
        ulong type = 0;
        var data = ReadOnlyMemory<byte>.Empty;
        var span = mem.Span;
        var pos = 0;
        while (pos < span.Length)
        {
            var key = ReadVarint(span, ref pos);
            switch (key & 7)
            {
                case 0:
                    var v = ReadVarint(span, ref pos);
                    if (key >> 3 == 1)
                        type = v;
                    break;
                case 2:
                    var len = (int)ReadVarint(span, ref pos);
                    if (key >> 3 == 2)
                        data = mem.Slice(pos, len);
                    pos += len;
                    break;
                case 1: pos += 8; break;
                case 5: pos += 4; break;
                default: throw new InvalidBlockException("bad UnixFS Data wire type");
            }
        }
        return (type, data);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> s, ref int pos)
    {
        ulong v = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = s[pos++];
            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return v;
        }
        throw new InvalidBlockException("bad varint in UnixFS Data");
    }
}
