// Pins with Kubo semantics (`ipfs pin add/rm/ls/verify`): recursive and direct pins stored in the `pins` column family
// keyed by multihash; indirect pins are computed by walking the recursive pins' DAGs.
namespace IpfsMount.Storage;

using System.Runtime.CompilerServices;
using IpfsMount.Core;

public sealed class PinSet
{
    private readonly RepoDatabase _db;
    private readonly IBlockStore _blocks;
    private readonly GcLock _gcLock;

    internal PinSet(RepoDatabase db, IBlockStore blocks, GcLock gcLock)
    {
        _db = db;
        _blocks = blocks;
        _gcLock = gcLock;
    }

    /// <summary>Pins <paramref name="cid"/>. Recursive walks the whole DAG first (reading through
    /// <paramref name="source"/>, e.g. a network store, else the repo) so a pin never points at missing blocks.
    /// Recursive over a direct pin upgrades it; direct over a recursive pin fails like Kubo.</summary>
    public async Task AddAsync(Cid cid, bool recursive = true, string? name = null, IBlockStore? source = null, CancellationToken ct = default)
    {
        using var lease = await _gcLock.EnterSharedAsync(ct).ConfigureAwait(false);
        var existing = GetStored(cid);
        if (recursive)
        {
            if (existing?.Mode == PinMode.Recursive && existing.Name == name)
            {
                return;
            }

            await RequireCompleteAsync(cid, source ?? _blocks, ct).ConfigureAwait(false);
        }
        else
        {
            if (existing?.Mode == PinMode.Recursive)
            {
                throw new PinException($"{cid} already pinned recursively");
            }

            if (!await (source ?? _blocks).HasAsync(cid, ct).ConfigureAwait(false))
            {
                throw new PinException($"cannot pin {cid}: block not found locally");
            }

            if (source is not null)
            {
                await source.GetAsync(cid, ct).ConfigureAwait(false);
            }
        }

        Write(cid, recursive ? PinMode.Recursive : PinMode.Direct, name);
    }

    /// <summary>
    /// Pins the root of a DAG the caller has just written completely under a GC lease (`add`): like Kubo's adder it
    /// records the recursive pin without walking the DAG again (the walk would re-read and re-hash every block).
    /// </summary>
    public async Task AddImportedAsync(Cid root, string? name = null, CancellationToken ct = default)
    {
        using var lease = await _gcLock.EnterSharedAsync(ct).ConfigureAwait(false);
        if (GetStored(root) is { Mode: PinMode.Recursive } existing && existing.Name == name) return;
        if (!await _blocks.HasAsync(root, ct).ConfigureAwait(false))
        {
            throw new PinException($"cannot pin {root}: block not found locally");
        }

        Write(root, PinMode.Recursive, name);
    }

    /// <summary>Unpins like `ipfs pin rm`: recursive=true removes a recursive or direct pin; recursive=false only a
    /// direct one. Throws PinException "… is pinned indirectly under …" or "… is not pinned".</summary>
    public async Task RemoveAsync(Cid cid, bool recursive = true, CancellationToken ct = default)
    {
        var existing = GetStored(cid);
        if (existing is null)
        {
            var indirect = await FindIndirectAsync(cid, ct).ConfigureAwait(false);
            throw indirect is { Via: { } via }
                ? new PinException($"{cid} is pinned indirectly under {via}")
                : new PinException($"{cid} is not pinned");
        }

        if (existing.Mode == PinMode.Recursive && !recursive)
        {
            throw new PinException($"{cid} is pinned recursively");
        }

        _db.RemoveSynced(cid.Hash.ToBytes(), _db.Pins);
    }

    /// <summary>Replaces pin <paramref name="from"/> by a recursive pin of <paramref name="to"/> in one write (`pin update`).</summary>
    public async Task UpdateAsync(Cid from, Cid to, bool unpin = true, CancellationToken ct = default)
    {
        using var lease = await _gcLock.EnterSharedAsync(ct).ConfigureAwait(false);
        var old = GetStored(from);
        if (old?.Mode != PinMode.Recursive)
        {
            throw new PinException($"{from} is not pinned recursively; `pin update` needs a recursive pin to replace");
        }

        await RequireCompleteAsync(to, _blocks, ct).ConfigureAwait(false);
        using var batch = new RocksDbSharp.WriteBatch();
        if (unpin)
        {
            batch.Delete(from.Hash.ToBytes(), _db.Pins);
        }

        batch.Put(to.Hash.ToBytes(), PinRecord.Encode(to, PinMode.Recursive, old.Name), _db.Pins);
        _db.WriteSynced(batch);
    }

    /// <summary>The recursive and direct pins as stored (no DAG walk).</summary>
    public IReadOnlyList<PinEntry> ListStored()
    {
        var pins = new List<PinEntry>();
        using var it = _db.Db.NewIterator(_db.Pins);
        for (it.SeekToFirst(); it.Valid(); it.Next())
        {
            pins.Add(PinRecord.Decode(it.Value()));
        }

        return pins;
    }

    /// <summary>`pin ls`: recursive, then direct, then indirect pins (null mode = all three).</summary>
    public async IAsyncEnumerable<PinEntry> ListAsync(PinMode? mode = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var stored = ListStored();
        foreach (var kind in new[] { PinMode.Recursive, PinMode.Direct })
        {
            if (mode is null || mode == kind)
            {
                foreach (var pin in stored.Where(p => p.Mode == kind))
                {
                    yield return pin;
                }
            }
        }

        if (mode is not (null or PinMode.Indirect))
        {
            yield break;
        }

        var roots = stored.Where(p => p.Mode == PinMode.Recursive).ToList();
        var rootHashes = roots.Select(p => p.Cid.Hash).ToHashSet();
        var seen = new HashSet<Multihash>();
        foreach (var root in roots)
        {
            var found = new List<PinEntry>();
            await DagWalker.WalkAsync(_blocks, root.Cid, seen, skipMissing: true, (c, parent) =>
            {
                if (!parent.IsDefault && !rootHashes.Contains(c.Hash))
                {
                    found.Add(new PinEntry(c, PinMode.Indirect, Via: root.Cid));
                }

                return true;
            }, ct).ConfigureAwait(false);
            foreach (var entry in found)
            {
                yield return entry;
            }
        }
    }

    /// <summary>How <paramref name="cid"/> is pinned (stored pin first, then indirect), or null.</summary>
    public async Task<PinEntry?> IsPinnedAsync(Cid cid, CancellationToken ct = default) =>
        GetStored(cid) ?? await FindIndirectAsync(cid, ct).ConfigureAwait(false);

    /// <summary>`pin verify`: every block under every pin is present and hashes to its CID.</summary>
    public async IAsyncEnumerable<PinVerifyResult> VerifyAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var pin in ListStored())
        {
            var problems = new List<PinProblem>();
            var seen = new HashSet<Multihash>();
            var stack = new Stack<Cid>();
            stack.Push(pin.Cid);
            while (stack.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                var cid = stack.Pop();
                if (!seen.Add(cid.Hash))
                {
                    continue;
                }

                try
                {
                    var data = await _blocks.GetAsync(cid, ct).ConfigureAwait(false);
                    if (pin.Mode == PinMode.Recursive)
                    {
                        foreach (var link in DagLinks.Extract(cid, data))
                        {
                            stack.Push(link);
                        }
                    }
                }
                catch (Exception e) when (e is BlockNotFoundException or BlockCorruptException or InvalidBlockException)
                {
                    problems.Add(new PinProblem(cid, e.Message));
                }
            }

            yield return new PinVerifyResult(pin.Cid, pin.Mode, problems);
        }
    }

    internal PinEntry? GetStored(Cid cid)
    {
        var value = _db.Db.Get(cid.Hash.ToBytes(), _db.Pins);
        return value is null ? null : PinRecord.Decode(value);
    }

    private void Write(Cid cid, PinMode mode, string? name) =>
        _db.PutSynced(cid.Hash.ToBytes(), PinRecord.Encode(cid, mode, name), _db.Pins);

    private async Task<PinEntry?> FindIndirectAsync(Cid cid, CancellationToken ct)
    {
        var seen = new HashSet<Multihash>();
        foreach (var root in ListStored().Where(p => p.Mode == PinMode.Recursive))
        {
            var hit = false;
            await DagWalker.WalkAsync(_blocks, root.Cid, seen, skipMissing: true, (c, parent) =>
            {
                hit = !parent.IsDefault && c.Hash.Equals(cid.Hash);
                return !hit;
            }, ct).ConfigureAwait(false);
            if (hit)
            {
                return new PinEntry(cid, PinMode.Indirect, Via: root.Cid);
            }
        }

        return null;
    }

    private async Task RequireCompleteAsync(Cid root, IBlockStore store, CancellationToken ct)
    {
        try
        {
            // Local data: leaves only need to exist. A source (network) must fetch them so they land in the repo.
            var leaves = ReferenceEquals(store, _blocks) ? LeafCheck.Has : LeafCheck.Get;
            await DagWalker.WalkAsync(store, root, [], skipMissing: false, visit: null, ct, leaves).ConfigureAwait(false);
        }
        catch (BlockNotFoundException e)
        {
            throw new PinException($"cannot pin {root}: block {e.Cid} is not available; fetch or add the content first", e);
        }
        catch (BlockCorruptException e)
        {
            throw new PinException($"cannot pin {root}: {e.Message}; run `ipfsmount repo verify`", e);
        }
    }
}
