// An open directory: the listing enumerated lazily and remembered, so readdir offsets are stable indices.
namespace IpfsMount.Vfs.Inodes;

public sealed class DirectoryHandle(VfsNode directory, ulong inode = 0) : IAsyncDisposable
{
    private readonly IDirectoryLister lister = (IDirectoryLister)directory;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<VfsDirEntry> seen = new();
    private IAsyncEnumerator<VfsDirEntry>? source;
    private CancellationTokenSource? listingCancel;
    private bool complete;

    public VfsNode Directory => directory;

    /// <summary>The inode the directory was opened by (what `.` lists); 0 when not opened through an inode.</summary>
    public ulong Inode => inode;

    /// <summary>Up to <paramref name="max"/> entries starting at index <paramref name="offset"/>.</summary>
    public async ValueTask<IReadOnlyList<VfsDirEntry>> ReadAsync(long offset, int max, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (!complete && seen.Count < offset + max)
            {
                if (source is null)
                {
                    listingCancel = new CancellationTokenSource();
                    source = lister.ListAsync(listingCancel.Token).GetAsyncEnumerator(listingCancel.Token);
                }
                using var reg = ct.Register(static s => ((CancellationTokenSource)s!).Cancel(), listingCancel!);
                if (await source.MoveNextAsync().ConfigureAwait(false)) seen.Add(source.Current);
                else complete = true;
            }
            if (offset >= seen.Count) return Array.Empty<VfsDirEntry>();
            var count = (int)Math.Min(max, seen.Count - offset);
            return seen.GetRange((int)offset, count);
        }
        catch (OperationCanceledException)
        {
            // A cancelled enumerator cannot continue: start over from the beginning next time.
            await ResetAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync().ConfigureAwait(false);
        gate.Dispose();
    }

    private async ValueTask ResetAsync()
    {
        if (source is not null)
        {
            try { await source.DisposeAsync().ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        source = null;
        listingCancel?.Dispose();
        listingCancel = null;
        if (!complete) seen.Clear();
    }
}
