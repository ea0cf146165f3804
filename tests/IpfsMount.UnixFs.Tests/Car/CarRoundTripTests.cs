// Import/export and CARv2: the reference CAR re-exports byte-identically; v2 files round-trip with a usable index.
using IpfsMount.Core;
using IpfsMount.UnixFs.Car;

namespace IpfsMount.UnixFs.Tests.Car;

public sealed class CarRoundTripTests
{
    private static readonly byte[] CarFile = CarVectors.ReadCarFile();

    private static async Task<(MemoryBlockStore Store, Cid Root)> ImportReference()
    {
        var store = new MemoryBlockStore();
        var importer = new CarImporter(store);
        var roots = await importer.ImportAsync(new MemoryStream(CarFile));
        Assert.Equal(6, importer.BlocksImported);
        return (store, Assert.Single(roots));
    }

    [Fact]
    public async Task The_reference_car_re_exports_byte_identically()
    {
        var (store, root) = await ImportReference();
        Assert.Equal(CarVectors.Json.GetProperty("root").GetString(), root.ToString());
        var output = new MemoryStream();
        long blocks = await new CarExporter(store).ExportAsync(root, output);
        Assert.Equal(6, blocks);
        Assert.Equal(CarFile, output.ToArray());
    }

    [Fact]
    public async Task A_v2_export_wraps_the_same_payload_and_reads_back()
    {
        var (store, root) = await ImportReference();
        var output = new MemoryStream();
        await new CarExporter(store).ExportAsync(root, output, CarWriterOptions.V2);
        var v2 = output.ToArray();
        Assert.Equal(CarV2Header.Pragma.ToArray(), v2[..11]);
        var header = CarV2Header.Read(v2.AsSpan(11));
        Assert.Equal(51UL, header.DataOffset);
        Assert.Equal((ulong)CarFile.Length, header.DataSize);
        Assert.Equal(51UL + (ulong)CarFile.Length, header.IndexOffset);
        Assert.Equal(CarFile, v2[51..(51 + CarFile.Length)]);

        await using var reader = await CarReader.OpenAsync(new NonSeekableStream(new MemoryStream(v2)));
        Assert.Equal(2, reader.Version);
        Assert.Equal([root], reader.Roots);
        var cids = new List<Cid>();
        await foreach (var b in reader.ReadBlocksAsync()) cids.Add(b.Cid);
        Assert.Equal(CarVectors.Json.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("cid").GetString()), cids.Select(c => c.ToString()));
    }

    [Fact]
    public async Task The_v2_index_points_at_every_block_section()
    {
        var (store, root) = await ImportReference();
        var output = new MemoryStream();
        await new CarExporter(store).ExportAsync(root, output, CarWriterOptions.V2);
        var v2 = output.ToArray();
        var header = CarV2Header.Read(v2.AsSpan(11));
        var entries = CarIndex.Decode(v2.AsSpan((int)header.IndexOffset));
        Assert.Equal(6, entries.Count);
        var payload = v2.AsMemory((int)header.DataOffset, (int)header.DataSize);
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            Assert.Equal(Multicodec.Sha2_256, e.HashCode);
            if (i > 0) Assert.True(entries[i - 1].Digest.Span.SequenceCompareTo(e.Digest.Span) < 0, "digests are sorted");
            var section = payload.Span[(int)e.Offset..];
            Varint.Read(section, out int n);
            var cid = Cid.Read(section[n..], out _);
            Assert.Equal(Multihash.Create(e.HashCode!.Value, e.Digest.Span), cid.Hash);
        }
    }

    [Fact]
    public async Task A_v2_file_with_padding_no_index_or_an_unknown_index_is_accepted()
    {
        var roots = new[] { Cid.Compute([1, 2, 3], Multicodec.Raw) };
        var payload = new MemoryStream();
        await using (var w = await CarWriter.CreateAsync(payload, roots, new CarWriterOptions { LeaveOpen = true }))
        {
            await w.WriteBlockAsync(roots[0], new byte[] { 1, 2, 3 });
            await w.CompleteAsync();
        }
        foreach (bool withIndex in new[] { false, true })
        {
            var file = new MemoryStream();
            file.Write(CarV2Header.Pragma);
            var prefix = new byte[CarV2Header.Size];
            ulong dataOffset = 51 + 13;
            ulong indexOffset = withIndex ? dataOffset + (ulong)payload.Length + 5 : 0;
            new CarV2Header(true, dataOffset, (ulong)payload.Length, indexOffset).WriteTo(prefix);
            file.Write(prefix);
            file.Write(new byte[13]);
            file.Write(payload.ToArray());
            if (withIndex) file.Write([0, 0, 0, 0, 0, 0x80, 0x80, 0x01, 0xde, 0xad]); // padding, then an unknown index codec
            await using var reader = await CarReader.OpenAsync(new NonSeekableStream(new MemoryStream(file.ToArray())));
            Assert.True(reader.V2Header!.FullyIndexed);
            var block = await reader.ReadBlockAsync();
            Assert.Equal(roots[0], block!.Value.Cid);
            Assert.Null(await reader.ReadBlockAsync());
        }
    }

    [Fact]
    public async Task A_v2_file_cut_inside_its_payload_is_truncated()
    {
        var (store, root) = await ImportReference();
        var output = new MemoryStream();
        await new CarExporter(store).ExportAsync(root, output, new CarWriterOptions { Version = 2, WriteIndex = false });
        var v2 = output.ToArray();
        foreach (int cut in new[] { 20, 51, 51 + 59, 51 + 59 + 300, v2.Length - 1 })
        {
            var e = await Assert.ThrowsAsync<InvalidCarException>(async () =>
            {
                await using var reader = await CarReader.OpenAsync(new MemoryStream(v2[..cut]));
                await foreach (var _ in reader.ReadBlocksAsync()) { }
            });
            Assert.StartsWith("CAR is truncated", e.Message);
        }
    }

    [Fact]
    public async Task Writing_v2_to_a_non_seekable_stream_is_refused()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            CarWriter.CreateAsync(new NonSeekableStream(new MemoryStream()), [], CarWriterOptions.V2));
        Assert.Contains("seekable", e.Message);
    }

    [Fact]
    public async Task Export_walks_dag_cbor_and_dag_pb_depth_first_in_link_order_each_block_once()
    {
        var store = new MemoryBlockStore();
        async Task<Cid> Put(byte[] data, ulong codec)
        {
            var cid = Cid.Compute(data, codec);
            await store.PutAsync(cid, data);
            return cid;
        }
        var leafA = await Put([0xa], Multicodec.Raw);
        var leafB = await Put([0xb], Multicodec.Raw);
        var pb = await Put(DagPb.Encode(new PbNode([new PbLink(leafB, "b", 1), new PbLink(leafA, "a", 1)])), Multicodec.DagPb);
        var inline = Cid.Compute([0xc], Multicodec.Raw, 1, Multicodec.Identity);
        var root = await Put(DagCbor.Encode(CborValue.Map(
            new("z", CborValue.Link(leafA)),
            new("list", CborValue.List(CborValue.Link(pb), CborValue.Link(inline), CborValue.Link(leafB))))), Multicodec.DagCbor);

        var output = new MemoryStream();
        Assert.Equal(5, await new CarExporter(store).ExportAsync(root, output));
        output.Position = 0;
        var order = new List<Cid>();
        await using (var reader = await CarReader.OpenAsync(output))
        {
            await foreach (var b in reader.ReadBlocksAsync()) order.Add(b.Cid);
        }
        // Map keys in canonical order: "z" before "list"; pb's links: b then a.
        Assert.Equal([root, leafA, pb, leafB, inline], order);
    }

    [Fact]
    public async Task Export_of_a_dag_with_a_missing_block_names_it()
    {
        var store = new MemoryBlockStore();
        var missing = Cid.Compute([9], Multicodec.Raw);
        var block = DagPb.Encode(new PbNode([new PbLink(missing, "x", 1)]));
        var root = Cid.Compute(block, Multicodec.DagPb);
        await store.PutAsync(root, block);
        var e = await Assert.ThrowsAsync<BlockNotFoundException>(() => new CarExporter(store).ExportAsync(root, new MemoryStream()));
        Assert.Equal(missing, e.Cid);
    }

    [Fact]
    public async Task Export_fetches_ahead_concurrently_but_keeps_the_reference_order()
    {
        var (store, root) = await ImportReference();
        var slow = new SlowBlockStore(store, TimeSpan.FromMilliseconds(30));
        var output = new MemoryStream();
        await new CarExporter(slow) { PrefetchWindow = 4 }.ExportAsync(root, output);
        Assert.Equal(CarFile, output.ToArray());
        Assert.Equal(6, slow.Gets);
        Assert.InRange(slow.MaxConcurrentGets, 2, 4);

        var sequential = new SlowBlockStore(store, TimeSpan.Zero);
        await new CarExporter(sequential) { PrefetchWindow = 0 }.ExportAsync(root, new MemoryStream());
        Assert.Equal(1, sequential.MaxConcurrentGets);
    }

    [Fact]
    public async Task A_failed_prefetch_surfaces_as_the_missing_block_in_walk_order()
    {
        var store = new MemoryBlockStore();
        var present = Cid.Compute([1], Multicodec.Raw);
        await store.PutAsync(present, new byte[] { 1 });
        var missing = Cid.Compute([2], Multicodec.Raw);
        var block = DagPb.Encode(new PbNode([new PbLink(present, "p", 1), new PbLink(missing, "m", 1), new PbLink(present, "q", 1)]));
        var root = Cid.Compute(block, Multicodec.DagPb);
        await store.PutAsync(root, block);
        var e = await Assert.ThrowsAsync<BlockNotFoundException>(() =>
            new CarExporter(new SlowBlockStore(store, TimeSpan.FromMilliseconds(5))).ExportAsync(root, new MemoryStream()));
        Assert.Equal(missing, e.Cid);
    }
}
