// Where a large block's bytes live: pack file id, byte offset and length (DESIGN.md, "Pack files").
namespace IpfsMount.Storage;

internal readonly record struct PackLocation(uint Pack, long Offset, int Length)
{
    public long End => Offset + Length;
}
