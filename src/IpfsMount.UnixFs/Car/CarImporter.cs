// Imports every block of a CAR (v1 or v2) into an IBlockStore, hash-checking each one; returns the header roots.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public sealed class CarImporter(IBlockStore store)
{
    private readonly IBlockStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Number of blocks stored by the last import.</summary>
    public long BlocksImported { get; private set; }

    /// <summary>Reads <paramref name="input"/> to the end (it stays open) and stores its blocks; returns the roots.</summary>
    public async Task<IReadOnlyList<Cid>> ImportAsync(Stream input, CancellationToken ct = default)
    {
        BlocksImported = 0;
        await using var reader = await CarReader.OpenAsync(input, new CarReaderOptions { LeaveOpen = true }, ct).ConfigureAwait(false);
        while (await reader.ReadBlockAsync(ct).ConfigureAwait(false) is { } block)
        {
            await _store.PutAsync(block.Cid, block.Data, ct).ConfigureAwait(false);
            BlocksImported++;
        }
        return reader.Roots;
    }
}
