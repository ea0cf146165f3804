// One writable /mfs mount shared by the tests of a class (each test works in its own directory).
namespace IpfsMount.Fuse.Tests;

public sealed class WritableMfsFixture : IAsyncLifetime
{
    internal WritableMfsMount Mount { get; private set; } = null!;

    public async Task InitializeAsync() => Mount = await WritableMfsMount.StartAsync();

    public async Task DisposeAsync() => await Mount.DisposeAsync();
}
