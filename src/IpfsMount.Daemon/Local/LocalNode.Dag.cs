// `dag export|import`: whole DAGs as CAR files (CarExporter writes CARv1 in DFS pre-order; CarImporter reads v1/v2).
using System.Runtime.CompilerServices;
using IpfsMount.Daemon.Api;
using IpfsMount.UnixFs.Car;

namespace IpfsMount.Daemon.Local;

public sealed partial class LocalNode
{
    public async Task DagExportAsync(string root, Stream output, CancellationToken ct = default)
    {
        var cid = await ResolveCidAsync(root, ct);
        await new CarExporter(Blocks).ExportAsync(cid, output, ct: ct);
    }

    public async IAsyncEnumerable<DagImportResult> DagImportAsync(Stream car, bool pinRoots, [EnumeratorCancellation] CancellationToken ct = default)
    {
        IReadOnlyList<Core.Cid> roots;
        long blocks;
        using (await Repo.GcLock.EnterSharedAsync(ct))
        {
            await using (var batch = Repo.BeginBlockBatch())
            {
                var importer = new CarImporter(batch);
                roots = await importer.ImportAsync(car, ct);
                blocks = importer.BlocksImported;
            }
            if (!pinRoots)
            {
                foreach (var root in roots) yield return new DagImportResult(root.ToString(), false, null, (ulong)blocks);
                yield break;
            }
            var results = new List<DagImportResult>();
            foreach (var root in roots)
            {
                string? error = null;
                try
                {
                    await Repo.Pins.AddAsync(root, recursive: true, ct: ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    error = ErrorReport.From(e).Message; // Kubo reports a root that cannot be pinned and goes on
                }
                results.Add(new DagImportResult(root.ToString(), error is null, error, (ulong)blocks));
            }
            foreach (var r in results) yield return r;
        }
    }
}
