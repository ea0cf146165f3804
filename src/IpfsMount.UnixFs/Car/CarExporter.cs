// Exports the DAG under a root from an IBlockStore as a CAR: depth-first pre-order, links in stored order,
// each block once (the order Kubo's `dag export` and @ipld/car tooling produce). Follows dag-pb, dag-cbor, raw.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public sealed class CarExporter(IBlockStore store)
{
    private readonly IBlockStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Blocks fetched ahead of the writer (DFS order is kept); hides store latency, e.g. Bitswap.</summary>
    public int PrefetchWindow { get; init; } = 16;

    /// <summary>Writes the CAR for <paramref name="root"/> to <paramref name="output"/>; returns the number of blocks.</summary>
    public async Task<long> ExportAsync(Cid root, Stream output, CarWriterOptions? options = null, CancellationToken ct = default)
    {
        options ??= CarWriterOptions.V1;
        using var prefetchCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inFlight = new Dictionary<Multihash, Task<ReadOnlyMemory<byte>>>();
        try
        {
            await using var writer = await CarWriter.CreateAsync(output, [root], options with { LeaveOpen = true }, ct).ConfigureAwait(false);
            var seen = new HashSet<Multihash>();
            var pending = new Stack<Cid>();
            var children = new List<Cid>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var cid = pending.Pop();
                if (!seen.Add(cid.Hash)) continue;
                ReadOnlyMemory<byte> data;
                if (inFlight.Remove(cid.Hash, out var fetch)) data = await fetch.ConfigureAwait(false);
                else data = await GetAsync(cid, ct).ConfigureAwait(false);
                await writer.WriteBlockAsync(cid, data, ct).ConfigureAwait(false);
                children.Clear();
                CollectLinks(cid, data, children);
                for (int i = children.Count - 1; i >= 0; i--)
                {
                    if (!seen.Contains(children[i].Hash)) pending.Push(children[i]);
                }
                StartPrefetch(pending, seen, inFlight, prefetchCancel.Token);
            }
            await writer.CompleteAsync(ct).ConfigureAwait(false);
            return writer.BlockCount;
        }
        finally
        {
            prefetchCancel.Cancel();
            foreach (var task in inFlight.Values)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A prefetch that was never needed (or was cancelled above) has nothing to report.
                }
            }
        }
    }

    /// <summary>Starts fetches for the next blocks the walk will pop (top of the stack), up to the window.</summary>
    private void StartPrefetch(Stack<Cid> pending, HashSet<Multihash> seen, Dictionary<Multihash, Task<ReadOnlyMemory<byte>>> inFlight,
        CancellationToken ct)
    {
        if (PrefetchWindow <= 0) return;
        int looked = 0;
        foreach (var next in pending)
        {
            if (inFlight.Count >= PrefetchWindow || looked++ >= PrefetchWindow * 2) break;
            if (seen.Contains(next.Hash) || inFlight.ContainsKey(next.Hash)) continue;
            inFlight[next.Hash] = GetAsync(next, ct).AsTask();
        }
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
