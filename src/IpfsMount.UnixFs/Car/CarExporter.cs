// Exports the DAG under a root from an IBlockStore as a CAR: depth-first pre-order, links in stored order,
// each block once (the order Kubo's `dag export` and @ipld/car tooling produce). Follows dag-pb, dag-cbor, raw.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public sealed class CarExporter(IBlockStore store)
{
    private readonly IBlockStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Writes the CAR for <paramref name="root"/> to <paramref name="output"/>; returns the number of blocks.</summary>
    public async Task<long> ExportAsync(Cid root, Stream output, CarWriterOptions? options = null, CancellationToken ct = default)
    {
        options ??= CarWriterOptions.V1;
        await using var writer = await CarWriter.CreateAsync(output, [root], options with { LeaveOpen = true }, ct).ConfigureAwait(false);
        var seen = new HashSet<Multihash>();
        var pending = new Stack<Cid>();
        var children = new List<Cid>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var cid = pending.Pop();
            if (!seen.Add(cid.Hash)) continue;
            var data = await GetAsync(cid, ct).ConfigureAwait(false);
            await writer.WriteBlockAsync(cid, data, ct).ConfigureAwait(false);
            children.Clear();
            CollectLinks(cid, data, children);
            for (int i = children.Count - 1; i >= 0; i--)
            {
                if (!seen.Contains(children[i].Hash)) pending.Push(children[i]);
            }
        }
        await writer.CompleteAsync(ct).ConfigureAwait(false);
        return writer.BlockCount;
    }

    private async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct)
    {
        // Identity CIDs carry their block inline; stores need not hold them.
        if (cid.Hash.Code == Multicodec.Identity) return cid.Hash.Digest;
        return await _store.GetAsync(cid, ct).ConfigureAwait(false);
    }

    /// <summary>The links of a block in stored order; raw and libp2p-key blocks have none.</summary>
    public static void CollectLinks(Cid cid, ReadOnlyMemory<byte> data, List<Cid> into)
    {
        switch (cid.Codec)
        {
            case Multicodec.DagPb:
                foreach (var link in DagPb.Decode(data).Links) into.Add(link.Hash);
                break;
            case Multicodec.DagCbor:
                DagCbor.CollectLinks(DagCbor.Decode(data), into);
                break;
            case Multicodec.Raw:
            case Multicodec.Libp2pKey:
                break;
            default:
                throw new NotSupportedException(
                    $"cannot follow links of block {cid}: codec {Multicodec.Name(cid.Codec)} is not supported (dag-pb, dag-cbor, raw)");
        }
    }
}
