// BlockLease holder counting and BufferPool reuse: a buffer goes back exactly once, after its last holder.
namespace IpfsMount.Core.Tests;

public sealed class BlockLeaseTests
{
    [Fact]
    public void A_shared_lease_gives_its_buffer_back_once_after_the_last_holder()
    {
        var returned = new List<byte[]>();
        var buffer = new byte[100];
        var lease = BlockLease.Over(buffer, 60, returned.Add);
        Assert.True(lease.IsPooled);
        Assert.Equal(60, lease.Data.Length);
        Assert.Equal(60, lease.Writable.Length);

        var second = lease.Share();
        lease.Dispose();
        Assert.Empty(returned);
        second.Dispose();
        Assert.Same(buffer, Assert.Single(returned));
        Assert.Throws<ObjectDisposedException>(() => lease.Share());
        Assert.Single(returned);
    }

    [Fact]
    public void An_unpooled_lease_owns_nothing()
    {
        var data = new byte[] { 1, 2, 3 };
        var lease = BlockLease.Unpooled(data);
        Assert.False(lease.IsPooled);
        Assert.True(lease.Writable.IsEmpty);
        lease.Dispose();
        Assert.Equal(data, lease.Data.ToArray());
    }

    [Fact]
    public void A_lease_longer_than_its_buffer_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockLease.Over(new byte[10], 11, _ => { }));

    [Fact]
    public void The_pool_hands_a_returned_buffer_out_again_for_the_same_size_class()
    {
        var first = BufferPool.Rent(300_000);
        Assert.True(first.Length >= 300_000);
        Assert.Equal(0, first.Length % BufferPool.ClassBytes);
        BufferPool.Return(first);
        // Other tests may use the pool concurrently, so another buffer of the class is also a pass; a fresh
        // allocation is not (the class had at least one free buffer).
        var again = BufferPool.Rent(first.Length - 5);
        Assert.Equal(first.Length, again.Length);
        BufferPool.Return(again);
    }

    [Fact]
    public void Small_and_oversized_requests_are_plain_arrays_the_pool_does_not_keep()
    {
        var small = BufferPool.Rent(100);
        Assert.Equal(100, small.Length);
        var retained = BufferPool.RetainedBytes;
        BufferPool.Return(small);
        BufferPool.Return(new byte[BufferPool.MaxPooledBytes + BufferPool.ClassBytes]);
        BufferPool.Return(new byte[BufferPool.ClassBytes + 1]);
        Assert.True(BufferPool.RetainedBytes <= retained, "a buffer outside the size classes was kept");
    }
}
