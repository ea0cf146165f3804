// Limits and stream ownership for CarReader.
namespace IpfsMount.UnixFs.Car;

public sealed record CarReaderOptions
{
    public static readonly CarReaderOptions Default = new();

    /// <summary>Largest section (CID + block) accepted; IPFS blocks are at most a few MiB.</summary>
    public int MaxSectionLength { get; init; } = 8 << 20;

    /// <summary>Largest CARv1 header accepted.</summary>
    public int MaxHeaderLength { get; init; } = 1 << 20;

    /// <summary>Leave the stream open when the reader is disposed.</summary>
    public bool LeaveOpen { get; init; }
}
