// Large byte buffers for the streaming paths (block leases, read replies), kept for reuse up to a byte budget: a long
// read touches the same few megabytes over and over instead of asking the GC (and so the kernel) for fresh pages.
using System.Collections.Concurrent;

namespace IpfsMount.Core;

/// <summary>
/// Buffers in size classes of <see cref="ClassBytes"/>; smaller requests are cheap to allocate and are not pooled.
/// At most <see cref="RetainedBytesLimit"/> bytes of free buffers are kept. Unlike ArrayPool.Shared, a buffer
/// returned on another thread than it was rented on is reused all the same, and nothing is trimmed at each GC.
/// </summary>
public static class BufferPool
{
    public const int ClassBytes = 16 * 1024;
    public const int MinPooledBytes = 16 * 1024;
    public const int MaxPooledBytes = 4 * 1024 * 1024;
    public const long RetainedBytesLimit = 64L * 1024 * 1024;

    private static readonly ConcurrentDictionary<int, ConcurrentStack<byte[]>> Free = new();
    private static long _retainedBytes;

    /// <summary>Bytes of free buffers kept now.</summary>
    public static long RetainedBytes => Interlocked.Read(ref _retainedBytes);

    /// <summary>A buffer of at least <paramref name="length"/> bytes (uninitialized).</summary>
    public static byte[] Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length < MinPooledBytes || length > MaxPooledBytes)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        var size = SizeClass(length);
        if (Free.TryGetValue(size, out var stack) && stack.TryPop(out var buffer))
        {
            Interlocked.Add(ref _retainedBytes, -buffer.Length);
            return buffer;
        }

        return GC.AllocateUninitializedArray<byte>(size);
    }

    /// <summary>Gives a buffer from <see cref="Rent"/> back; it must not be used afterwards.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length < MinPooledBytes || buffer.Length > MaxPooledBytes || buffer.Length % ClassBytes != 0)
        {
            return;
        }

        if (Interlocked.Add(ref _retainedBytes, buffer.Length) > RetainedBytesLimit)
        {
            Interlocked.Add(ref _retainedBytes, -buffer.Length);
            return; // over budget: the GC takes it
        }

        Free.GetOrAdd(buffer.Length, static _ => new ConcurrentStack<byte[]>()).Push(buffer);
    }

    private static int SizeClass(int length) => (length + ClassBytes - 1) / ClassBytes * ClassBytes;
}
