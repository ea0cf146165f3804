// `pin add|rm|ls|verify` and `repo gc|stat|verify` on the repository's PinSet, GarbageCollector and store.
using System.Runtime.CompilerServices;
using IpfsMount.Daemon.Api;
using IpfsMount.Storage;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    public async IAsyncEnumerable<string> PinAddAsync(IReadOnlyList<string> paths, bool recursive, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var text in paths)
        {
            var cid = await ResolveCidAsync(text, ct);
            await Repo.Pins.AddAsync(cid, recursive, ct: ct);
            yield return cid.ToString();
        }
    }

    public async IAsyncEnumerable<string> PinRmAsync(IReadOnlyList<string> paths, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var text in paths)
        {
            var cid = await ResolveCidAsync(text, ct);
            await Repo.Pins.RemoveAsync(cid, recursive: true, ct);
            yield return cid.ToString();
        }
    }

    public async IAsyncEnumerable<Api.PinEntry> PinLsAsync(string type, [EnumeratorCancellation] CancellationToken ct = default)
    {
        PinMode? mode = type switch
        {
            "all" => null,
            "direct" => PinMode.Direct,
            "recursive" => PinMode.Recursive,
            "indirect" => PinMode.Indirect,
            _ => throw new ArgumentException($"invalid pin type '{type}': use direct, indirect, recursive or all"),
        };
        await foreach (var pin in Repo.Pins.ListAsync(mode, ct))
            yield return new Api.PinEntry(pin.Cid.ToString(), pin.Describe());
    }

    public async IAsyncEnumerable<Api.PinVerifyResult> PinVerifyAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var r in Repo.Pins.VerifyAsync(ct))
        {
            var problem = r.Ok ? null : string.Join("; ", r.Problems.Select(p => $"{p.Cid}: {p.Error}"));
            yield return new Api.PinVerifyResult(r.Cid.ToString(), r.Ok, problem);
        }
    }

    public async IAsyncEnumerable<string> RepoGcAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var result = await Repo.Gc.CollectAsync(ct);
        foreach (var cid in result.Removed) yield return cid.ToString();
    }

    public Task<RepoStatInfo> RepoStatAsync(CancellationToken ct = default)
    {
        var s = Repo.Stat();
        return Task.FromResult(new RepoStatInfo((ulong)s.BlockCount, (ulong)s.DiskBytes, (ulong)s.StorageMaxBytes, s.Path, $"fs-repo@{s.Version}"));
    }

    public async IAsyncEnumerable<RepoVerifyEvent> RepoVerifyAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var report = await Task.Run(() => Repo.Verify(ct), ct);
        foreach (var bad in report.Corrupt) yield return new RepoVerifyEvent("corrupt", bad.Cid.ToString(), bad.Error, 0);
        yield return new RepoVerifyEvent("done", null, null, (ulong)report.BlocksChecked);
    }
}
