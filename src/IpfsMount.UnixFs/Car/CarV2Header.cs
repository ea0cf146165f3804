// The fixed 40-byte CARv2 header that follows the 11-byte pragma
// (https://ipld.io/specs/transport/car/carv2/#header): characteristics, data offset/size, index offset (all LE).
using System.Buffers.Binary;

namespace IpfsMount.UnixFs.Car;

public sealed record CarV2Header(bool FullyIndexed, ulong DataOffset, ulong DataSize, ulong IndexOffset)
{
    public const int Size = 40;

    /// <summary>The pragma: varint(10) then dag-cbor {"version": 2}; a CARv1 parser sees an unsupported version.</summary>
    public static ReadOnlySpan<byte> Pragma => [0x0a, 0xa1, 0x67, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x02];

    public bool HasIndex => IndexOffset != 0;

    public void WriteTo(Span<byte> dest)
    {
        dest[..Size].Clear();
        if (FullyIndexed) dest[7] = 0x80; // most significant bit of the first little-endian uint64
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], DataOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[24..], DataSize);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[32..], IndexOffset);
    }

    public static CarV2Header Read(ReadOnlySpan<byte> src)
    {
        var header = new CarV2Header(
            (src[7] & 0x80) != 0,
            BinaryPrimitives.ReadUInt64LittleEndian(src[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(src[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(src[32..]));
        ulong minOffset = (ulong)(Pragma.Length + Size);
        if (header.DataOffset < minOffset)
            throw new InvalidCarException($"CARv2 data offset {header.DataOffset} points inside the header (must be at least {minOffset})");
        if (header.DataOffset > long.MaxValue || header.DataSize > long.MaxValue - header.DataOffset)
            throw new InvalidCarException($"CARv2 data offset {header.DataOffset} + size {header.DataSize} is out of range");
        if (header.HasIndex && header.IndexOffset < header.DataOffset + header.DataSize)
            throw new InvalidCarException(
                $"CARv2 index offset {header.IndexOffset} overlaps the data payload ({header.DataOffset}..{header.DataOffset + header.DataSize})");
        return header;
    }
}
