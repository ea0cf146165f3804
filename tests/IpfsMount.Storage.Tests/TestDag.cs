// Builds small dag-pb / raw / dag-cbor DAGs for the storage tests (minimal dag-pb encoder: links then data).
namespace IpfsMount.Storage.Tests;

using IpfsMount.Core;

internal static class TestDag
{
    public static (Cid Cid, byte[] Data) Raw(byte[] data) => (Cid.Compute(data, Multicodec.Raw), data);

    public static (Cid Cid, byte[] Data) Raw(string text) => Raw(System.Text.Encoding.UTF8.GetBytes(text));

    public static (Cid Cid, byte[] Data) Node(IReadOnlyList<Cid> links, byte[]? data = null, int version = 1)
    {
        var bytes = EncodePb(links, data);
        return (Cid.Compute(bytes, Multicodec.DagPb, version), bytes);
    }

    public static byte[] EncodePb(IReadOnlyList<Cid> links, byte[]? data)
    {
        using var ms = new MemoryStream();
        for (var i = 0; i < links.Count; i++)
        {
            using var link = new MemoryStream();
            WriteBytesField(link, 1, links[i].ToBytes());
            WriteBytesField(link, 2, System.Text.Encoding.UTF8.GetBytes($"l{i}"));
            WriteBytesField(ms, 2, link.ToArray());
        }

        if (data is not null)
        {
            WriteBytesField(ms, 1, data);
        }

        return ms.ToArray();
    }

    /// <summary>dag-cbor map {"a": link0, "b": [link1, ...]} with CIDs as tag 42.</summary>
    public static (Cid Cid, byte[] Data) Cbor(IReadOnlyList<Cid> links)
    {
        using var ms = new MemoryStream();
        ms.WriteByte(0xa2);
        ms.WriteByte(0x61);
        ms.WriteByte((byte)'a');
        WriteCborLink(ms, links[0]);
        ms.WriteByte(0x61);
        ms.WriteByte((byte)'b');
        ms.WriteByte((byte)(0x80 | (links.Count - 1)));
        foreach (var link in links.Skip(1))
        {
            WriteCborLink(ms, link);
        }

        var bytes = ms.ToArray();
        return (Cid.Compute(bytes, Multicodec.DagCbor), bytes);
    }

    private static void WriteCborLink(Stream s, Cid cid)
    {
        var bytes = cid.ToBytes();
        s.WriteByte(0xd8);
        s.WriteByte(42);
        s.WriteByte(0x58);
        s.WriteByte((byte)(bytes.Length + 1));
        s.WriteByte(0);
        s.Write(bytes);
    }

    /// <summary>A deterministic tree: `files` files of `chunks` raw leaves (chunkSize bytes, xorshift content) under one root.</summary>
    public static List<(Cid Cid, byte[] Data)> Tree(uint seed, int files, int chunks, int chunkSize)
    {
        var blocks = new List<(Cid, byte[])>();
        var fileRoots = new List<Cid>();
        var state = seed == 0 ? 1u : seed;
        for (var f = 0; f < files; f++)
        {
            var leaves = new List<Cid>();
            for (var c = 0; c < chunks; c++)
            {
                var data = new byte[chunkSize];
                InputGenerator.Fill(data, ref state);

                var leaf = Raw(data);
                blocks.Add(leaf);
                leaves.Add(leaf.Cid);
            }

            var file = Node(leaves, [0x08, 0x02]);
            blocks.Add(file);
            fileRoots.Add(file.Cid);
        }

        blocks.Add(Node(fileRoots, [0x08, 0x01]));
        return blocks; // root last
    }

    private static void WriteBytesField(Stream s, int field, byte[] value)
    {
        s.WriteByte((byte)((field << 3) | 2));
        s.Write(Varint.Encode((ulong)value.Length));
        s.Write(value);
    }
}
