// A block's verified bytes held for a short time, possibly in a pooled buffer: streaming reads take one per leaf and
// give it back when its bytes are copied out, so a long read recycles a few buffers instead of allocating per block.
namespace IpfsMount.Core;

/// <summary>
/// The bytes of one block, owned by whoever holds the lease. <see cref="Dispose"/> gives a pooled buffer back; the
/// bytes must not be used after that. <see cref="Share"/> adds a holder (each holder disposes once), so a reader can
/// keep a block for the next read while another copies from it. A lease over plain memory (<see cref="Unpooled"/>)
/// owns nothing: disposing it does nothing.
/// </summary>
public sealed class BlockLease : IDisposable
{
    private readonly byte[]? _pooled;
    private readonly Action<byte[]>? _giveBack;
    private int _holders = 1;

    private BlockLease(ReadOnlyMemory<byte> data, byte[]? pooled, Action<byte[]>? giveBack)
    {
        Data = data;
        _pooled = pooled;
        _giveBack = giveBack;
    }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>True when the bytes live in a pooled buffer (copy them out before disposing the lease).</summary>
    public bool IsPooled => _pooled is not null;

    /// <summary>A lease over memory that is not pooled (a cached block, a block from the network).</summary>
    public static BlockLease Unpooled(ReadOnlyMemory<byte> data) => new(data, null, null);

    /// <summary>A lease of <paramref name="length"/> bytes in a buffer from <see cref="BufferPool"/>; fill
    /// <see cref="Writable"/>, then verify before handing the lease out.</summary>
    public static BlockLease Rent(int length) => Over(BufferPool.Rent(length), length, BufferPool.Return);

    /// <summary>A lease of the first <paramref name="length"/> bytes of <paramref name="buffer"/>, which
    /// <paramref name="giveBack"/> gets back when the last holder disposes.</summary>
    public static BlockLease Over(byte[] buffer, int length, Action<byte[]> giveBack)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length);
        return new BlockLease(buffer.AsMemory(0, length), buffer, giveBack);
    }

    /// <summary>The rented buffer's bytes, for the store that fills it (empty for an unpooled lease).</summary>
    public Span<byte> Writable => _pooled is null ? default : _pooled.AsSpan(0, Data.Length);

    /// <summary>One more holder of the same bytes; the buffer goes back to the pool when the last holder disposes.</summary>
    public BlockLease Share()
    {
        if (Interlocked.Increment(ref _holders) <= 1)
        {
            throw new ObjectDisposedException(nameof(BlockLease), "a block lease was shared after its last holder gave it back");
        }

        return this;
    }

    public void Dispose()
    {
        var left = Interlocked.Decrement(ref _holders);
        if (left == 0 && _pooled is not null)
        {
            _giveBack!(_pooled);
        }
    }
}
