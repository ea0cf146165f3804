// Output format choices for CarWriter.
namespace IpfsMount.UnixFs.Car;

public sealed record CarWriterOptions
{
    public static readonly CarWriterOptions V1 = new();
    public static readonly CarWriterOptions V2 = new() { Version = 2 };

    /// <summary>1 (plain CARv1) or 2 (CARv2 wrapper; needs a seekable output stream).</summary>
    public int Version { get; init; } = 1;

    /// <summary>CARv2 only: append a MultihashIndexSorted index (0x0401).</summary>
    public bool WriteIndex { get; init; } = true;

    /// <summary>Leave the stream open when the writer is disposed.</summary>
    public bool LeaveOpen { get; init; }
}
