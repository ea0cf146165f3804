// Leaf source for a file that fits in one chunk: encoded inline, skipping the pipeline's thread hops.
namespace IpfsMount.UnixFs;

internal sealed class SingleLeafSource(LeafResult leaf) : ILeafSource
{
    private LeafResult? _leaf = leaf;

    public ValueTask<LeafResult?> NextAsync()
    {
        var l = _leaf;
        _leaf = null;
        return ValueTask.FromResult(l);
    }

    public ValueTask<bool> HasMoreAsync() => ValueTask.FromResult(_leaf is not null);
}
