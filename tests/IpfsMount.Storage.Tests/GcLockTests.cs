// GcLock: GC waits for writers, writers wait only for a running GC, nested writer entry never deadlocks.
namespace IpfsMount.Storage.Tests;

public sealed class GcLockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Gc_waits_until_every_writer_lease_is_released()
    {
        var gcLock = new GcLock();
        var w1 = await gcLock.EnterSharedAsync();
        var w2 = await gcLock.EnterSharedAsync();
        var gc = gcLock.EnterExclusiveAsync();
        await Task.Delay(100);
        Assert.False(gc.IsCompleted);
        w1.Dispose();
        await Task.Delay(50);
        Assert.False(gc.IsCompleted);
        w2.Dispose();
        (await gc.WaitAsync(Timeout)).Dispose();
        Assert.Equal(0, gcLock.SharedHolders);
    }

    [Fact]
    public async Task A_writer_holding_a_lease_can_enter_again_while_gc_waits()
    {
        var gcLock = new GcLock();
        using var outer = await gcLock.EnterSharedAsync();
        var gc = gcLock.EnterExclusiveAsync();
        using (await gcLock.EnterSharedAsync().WaitAsync(Timeout))
        {
            Assert.Equal(2, gcLock.SharedHolders);
        }

        Assert.False(gc.IsCompleted);
        outer.Dispose();
        (await gc.WaitAsync(Timeout)).Dispose();
    }

    [Fact]
    public async Task Writers_wait_while_gc_runs_and_proceed_after_it()
    {
        var gcLock = new GcLock();
        var gc = await gcLock.EnterExclusiveAsync();
        var writer = gcLock.EnterSharedAsync();
        await Task.Delay(100);
        Assert.False(writer.IsCompleted);
        gc.Dispose();
        (await writer.WaitAsync(Timeout)).Dispose();

        using var cts = new CancellationTokenSource(50);
        var gc2 = await gcLock.EnterExclusiveAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gcLock.EnterSharedAsync(cts.Token));
        gc2.Dispose();
    }
}
