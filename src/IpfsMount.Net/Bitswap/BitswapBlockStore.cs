// IBlockStore decorator that fetches missing blocks over Bitswap: local first, else the network (hash-verified),
// then stored locally; PrefetchAsync lets the DAG reader's read-ahead ask for many blocks at once.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public sealed class BitswapBlockStore : IBlockStore, IDisposable
{
    private readonly IBlockStore _local;
    private readonly BitswapExchange _exchange;
    private readonly BitswapSession _session;

    public BitswapBlockStore(IBlockStore local, BitswapExchange exchange)
    {
        _local = local;
        _exchange = exchange;
        _session = exchange.Client.CreateSession();
    }

    /// <summary>The session this store fetches with (peers it learnt, blocks per peer).</summary>
    public BitswapSession Session => _session;

    public async ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        try
        {
            return await _local.GetAsync(cid, ct).ConfigureAwait(false);
        }
        catch (BlockNotFoundException)
        {
        }
        return await FetchAsync(cid, ct).ConfigureAwait(false);
    }

    private async Task<ReadOnlyMemory<byte>> FetchAsync(Cid cid, CancellationToken ct)
    {
        // The session hands out only bytes whose hash it computed and matched to cid's multihash.
        var data = await _session.GetBlockAsync(cid, ct).ConfigureAwait(false);
        if (_local is IPreverifiedBlockSink verified)
            await verified.PutVerifiedAsync(cid, data, ct).ConfigureAwait(false); // hashed once, on receipt
        else
            await _local.PutAsync(cid, data, ct).ConfigureAwait(false);
        _exchange.NotifyNewBlock(cid);
        return data;
    }

    /// <summary>
    /// Fetches the blocks of <paramref name="cids"/> that are not stored locally, all at once, and stores them.
    /// Returns how many were fetched; blocks no peer had within the fetch timeout are skipped (a later Get retries).
    /// </summary>
    public async Task<int> PrefetchAsync(IEnumerable<Cid> cids, CancellationToken ct = default)
    {
        var tasks = new List<Task<bool>>();
        foreach (var cid in cids)
        {
            if (await _local.HasAsync(cid, ct).ConfigureAwait(false))
                continue;
            tasks.Add(PrefetchOneAsync(cid, ct));
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.Count(ok => ok);
    }

    /// <summary>
    /// Fetches a whole DAG (dag-pb links followed; raw and other leaves stored as they are), asking for every child
    /// as soon as its parent arrives. Returns the number of blocks and bytes the DAG has.
    /// </summary>
    public async Task<(long Blocks, long Bytes)> FetchDagAsync(Cid root, CancellationToken ct = default)
    {
        long blocks = 0, bytes = 0;
        async Task WalkAsync(Cid cid)
        {
            var data = await GetAsync(cid, ct).ConfigureAwait(false);
            Interlocked.Increment(ref blocks);
            Interlocked.Add(ref bytes, data.Length);
            if (cid.Codec != Multicodec.DagPb)
                return;
            var links = DagPb.Decode(data).Links;
            var children = new Task[links.Count];
            for (var i = 0; i < links.Count; i++)
                children[i] = WalkAsync(links[i].Hash);
            await Task.WhenAll(children).ConfigureAwait(false);
        }
        await WalkAsync(root).ConfigureAwait(false);
        return (blocks, bytes);
    }

    /// <summary>Starts prefetching in the background (fire and forget); cancel with <paramref name="ct"/>.</summary>
    public void Prefetch(IEnumerable<Cid> cids, CancellationToken ct = default) => _ = PrefetchAsync(cids.ToList(), ct);

    private async Task<bool> PrefetchOneAsync(Cid cid, CancellationToken ct)
    {
        try
        {
            await FetchAsync(cid, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is BlockNotFoundException or OperationCanceledException or BlockCorruptException)
        {
            return false;
        }
    }

    public async ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        await _local.PutAsync(cid, data, ct).ConfigureAwait(false);
        _exchange.NotifyNewBlock(cid);
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => _local.HasAsync(cid, ct);

    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => _local.DeleteAsync(cid, ct);

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var cid in _local.AllKeysAsync(ct).ConfigureAwait(false))
            yield return cid;
    }

    public void Dispose() => _session.Dispose();
}
