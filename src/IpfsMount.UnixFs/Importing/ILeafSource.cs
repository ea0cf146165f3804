// The file's leaves in file order, as the layouts consume them.
namespace IpfsMount.UnixFs;

internal interface ILeafSource
{
    /// <summary>The next leaf, or null after the last. A file always has at least one leaf.</summary>
    ValueTask<LeafResult?> NextAsync();

    /// <summary>Whether another leaf follows, without consuming it.</summary>
    ValueTask<bool> HasMoreAsync();
}
