// Test support: the repository root, the shared reference vectors, the vectors' input generator and a
// block store that counts puts.
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IpfsMount.Core;

namespace IpfsMount.Mfs.Tests;

internal static class TestPaths
{
    public static string RepoRoot => IpfsMount.Testing.TestRepo.Root;

    public static string VectorsDir => IpfsMount.Testing.TestRepo.VectorsDir;
}

internal static class Vectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.VectorsDir, "vectors.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static string FileCid(string profile, long size) =>
        Root.GetProperty("files").GetProperty(profile).GetProperty(size.ToString()).GetProperty("cid").GetString()!;
}

/// <summary>Wraps a store and counts PutAsync calls (incremental-write tests).</summary>
internal sealed class CountingBlockStore(IBlockStore inner) : IBlockStore
{
    private int _puts, _gets;
    public ConcurrentBag<Cid> Put { get; } = [];
    public int Puts => Volatile.Read(ref _puts);
    public int Gets => Volatile.Read(ref _gets);

    public void Reset()
    {
        Interlocked.Exchange(ref _puts, 0);
        Interlocked.Exchange(ref _gets, 0);
        Put.Clear();
    }

    public ValueTask<ReadOnlyMemory<byte>> GetAsync(Cid cid, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _gets);
        return inner.GetAsync(cid, ct);
    }

    public ValueTask PutAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _puts);
        Put.Add(cid);
        return inner.PutAsync(cid, data, ct);
    }

    public ValueTask<bool> HasAsync(Cid cid, CancellationToken ct = default) => inner.HasAsync(cid, ct);
    public ValueTask DeleteAsync(Cid cid, CancellationToken ct = default) => inner.DeleteAsync(cid, ct);

    public async IAsyncEnumerable<Cid> AllKeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var c in inner.AllKeysAsync(ct).ConfigureAwait(false)) yield return c;
    }
}

internal static class Trees
{
    public static Task<MfsTree> NewAsync(IBlockStore? store = null, MfsLayout? layout = null, IMfsVersionLog? log = null,
        TimeSpan? autoCommit = null, bool commitOnClose = true) =>
        MfsTree.OpenAsync(store ?? new MemoryBlockStore(), log ?? new MemoryMfsVersionLog(), new MfsOptions
        {
            Layout = layout ?? MfsLayout.KuboV0,
            AutoCommitInterval = autoCommit,
            CommitOnLastClose = commitOnClose,
        });
}
