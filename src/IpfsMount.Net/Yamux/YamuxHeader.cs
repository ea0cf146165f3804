// The 12-byte Yamux frame header: version, type, flags, stream ID, length (big-endian).
// Spec: hashicorp/yamux spec.md (as used by libp2p /yamux/1.0.0).
using System.Buffers.Binary;

namespace IpfsMount.Net.Yamux;

public enum YamuxFrameType : byte
{
    Data = 0,
    WindowUpdate = 1,
    Ping = 2,
    GoAway = 3,
}

[Flags]
public enum YamuxFlags : ushort
{
    None = 0,
    Syn = 1,
    Ack = 2,
    Fin = 4,
    Rst = 8,
}

/// <summary>One decoded frame header.</summary>
public readonly record struct YamuxHeader(YamuxFrameType Type, YamuxFlags Flags, uint StreamId, uint Length)
{
    public const int Size = 12;
    public const byte Version = 0;

    public void WriteTo(Span<byte> dest)
    {
        dest[0] = Version;
        dest[1] = (byte)Type;
        BinaryPrimitives.WriteUInt16BigEndian(dest[2..], (ushort)Flags);
        BinaryPrimitives.WriteUInt32BigEndian(dest[4..], StreamId);
        BinaryPrimitives.WriteUInt32BigEndian(dest[8..], Length);
    }

    public static YamuxHeader Read(ReadOnlySpan<byte> src)
    {
        if (src.Length < Size) throw new YamuxException($"a Yamux header has 12 bytes, got {src.Length}");
        if (src[0] != Version) throw new YamuxException($"unsupported Yamux version {src[0]}");
        if (src[1] > (byte)YamuxFrameType.GoAway) throw new YamuxException($"unknown Yamux frame type {src[1]}");
        return new YamuxHeader(
            (YamuxFrameType)src[1],
            (YamuxFlags)BinaryPrimitives.ReadUInt16BigEndian(src[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(src[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(src[8..]));
    }
}
