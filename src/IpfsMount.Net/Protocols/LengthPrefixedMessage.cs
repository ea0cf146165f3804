// Reads and writes one unsigned-varint-length-prefixed message on a stream (libp2p's usual protobuf framing).
using IpfsMount.Core;

namespace IpfsMount.Net.Protocols;

public static class LengthPrefixedMessage
{
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        var framed = new byte[Varint.Size((ulong)message.Length) + message.Length];
        int n = Varint.Write(framed, (ulong)message.Length);
        message.Span.CopyTo(framed.AsSpan(n));
        await stream.WriteAsync(framed, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reads one message; null at a clean end of stream; throws for oversize or truncated messages.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxLength, CancellationToken ct)
    {
        ulong? len;
        try
        {
            len = await Varint.ReadAsync(stream, ct).ConfigureAwait(false);
        }
        catch (InvalidVarintException e)
        {
            throw new InvalidDataException("message length prefix is not a valid varint: " + e.Message);
        }
        if (len is null) return null;
        if (len.Value > (ulong)maxLength)
            throw new InvalidDataException($"message of {len} bytes exceeds the limit of {maxLength}");
        var buf = new byte[(int)len.Value];
        await stream.ReadExactlyAsync(buf, ct).ConfigureAwait(false);
        return buf;
    }
}
