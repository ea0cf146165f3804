// Length-prefixed framing of Bitswap messages on a stream: unsigned-varint length, then the protobuf body (max 4 MiB).
using IpfsMount.Core;

namespace IpfsMount.Net.Bitswap;

public static class BitswapFraming
{
    /// <summary>Reads one message body; null at a clean end of stream. Throws for a frame over the size limit.</summary>
    public static async ValueTask<byte[]?> ReadFrameAsync(Stream stream, int maxMessageSize, CancellationToken ct)
    {
        ulong? length;
        try
        {
            length = await Varint.ReadAsync(stream, ct).ConfigureAwait(false);
        }
        catch (InvalidVarintException e)
        {
            throw new InvalidBitswapMessageException($"Bitswap frame length is not a valid varint: {e.Message}");
        }
        if (length is null)
            return null;
        if (length.Value > (ulong)maxMessageSize)
            throw new InvalidBitswapMessageException($"Bitswap message of {length.Value} bytes exceeds the {maxMessageSize}-byte limit");
        var body = GC.AllocateUninitializedArray<byte>((int)length.Value);
        await stream.ReadExactlyAsync(body, ct).ConfigureAwait(false);
        return body;
    }

    /// <summary>Encodes <paramref name="message"/> with its length prefix into a new array.</summary>
    public static byte[] EncodeFrame(BitswapMessage message, BitswapVersion version)
    {
        var bodyLength = BitswapMessageCodec.GetEncodedLength(message, version);
        var header = Varint.Size((ulong)bodyLength);
        var frame = new byte[header + bodyLength];
        Varint.Write(frame, (ulong)bodyLength);
        BitswapMessageCodec.Encode(message, version, frame.AsSpan(header));
        return frame;
    }
}
