// `add`: imports each input with the UnixFS importer into the repo (or, with only-hash, into a discarding store
// without opening the repo), reports entries in Kubo's order, wraps and pins the roots.
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IpfsMount.Core;
using IpfsMount.Daemon.Api;
using IpfsMount.UnixFs;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    private const long ProgressStepBytes = 4L * 1024 * 1024;

    public async IAsyncEnumerable<AddEvent> AddAsync(AddRequest request, IAsyncEnumerable<AddInput> inputs, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // `add -n` needs no repo; where there is one, its `init --profile` is the starting point.
        var stored = request.OnlyHash && _repo is null && !Storage.Repo.Exists(RepoPath) ? null : Repo.Config.ImportProfile;
        var options = ImportSettings.From(request, stored);
        IDisposable? gcLease = null;
        Storage.BlockWriteBatch? batch = null;
        IBlockStore store;
        if (request.OnlyHash)
        {
            store = new DiscardingBlockStore();
        }
        else
        {
            gcLease = await Repo.GcLock.EnterSharedAsync(ct); // nothing we write may be collected before it is pinned
            store = batch = Repo.BeginBlockBatch();
        }
        try
        {
            var importer = new UnixFsImporter(store, options);
            var tops = new List<(string Name, Cid Cid, ulong Size)>();
            await foreach (var input in inputs.WithCancellation(ct))
            {
                var channel = Channel.CreateUnbounded<AddEvent>(new UnboundedChannelOptions { SingleReader = true });
                var import = ImportOneAsync(importer, input, request.Progress, channel.Writer, ct);
                await foreach (var e in channel.Reader.ReadAllAsync(ct)) yield return e;
                tops.Add(await import);
            }
            if (tops.Count == 0) throw new ArgumentException("nothing to add");
            var roots = tops.Select(t => t.Cid).ToList();
            if (request.Wrap)
            {
                var wrapper = await importer.AddDirectoryAsync(tops, ct: ct);
                roots = [wrapper.Cid];
                yield return AddEvent.Entry("", wrapper.Cid.ToString(), wrapper.Size);
            }
            if (batch is not null)
            {
                await batch.DisposeAsync();
                batch = null;
                if (request.Pin)
                    foreach (var root in roots.Distinct()) await Repo.Pins.AddImportedAsync(root, ct: ct); // the import wrote the whole DAG under our GC lease: no re-walk
            }
        }
        finally
        {
            if (batch is not null) await batch.DisposeAsync();
            gcLease?.Dispose();
        }
    }

    /// <summary>Imports one input, writing its entries (and progress) to events; returns the top entry.</summary>
    private static async Task<(string Name, Cid Cid, ulong Size)> ImportOneAsync(
        UnixFsImporter importer, AddInput input, bool progress, ChannelWriter<AddEvent> events, CancellationToken ct)
    {
        await Task.Yield(); // let the caller start draining events
        try
        {
            if (input.Content is { } content)
            {
                var name = input.Name;
                var counted = new CountingReadStream(content, progress ? bytes => events.TryWrite(AddEvent.Progress(name ?? "", bytes)) : null, ProgressStepBytes);
                var entry = await importer.AddFileAsync(counted, ct);
                counted.ReportFinal();
                name ??= entry.Cid.ToString();
                events.TryWrite(AddEvent.Entry(name, entry.Cid.ToString(), entry.Size));
                return (name, entry.Cid, entry.Size);
            }
            var path = Path.GetFullPath(input.LocalPath!);
            if (path.Length > 1) path = Path.TrimEndingDirectorySeparator(path);
            var parent = Path.GetDirectoryName(path) ?? path;
            var root = await importer.AddPathAsync(path, e =>
            {
                if (progress && File.Exists(Path.Combine(parent, e.Path)))
                    events.TryWrite(AddEvent.Progress(e.Path, new FileInfo(Path.Combine(parent, e.Path)).Length));
                events.TryWrite(AddEvent.Entry(e.Path, e.Cid.ToString(), e.Size));
            }, ct);
            return (root.Path, root.Cid, root.Size);
        }
        finally
        {
            events.TryComplete();
        }
    }
}
