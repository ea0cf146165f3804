// libp2p ping (/ipfs/ping/1.0.0): the dialer sends 32 random bytes, the listener echoes them back.
// Spec: libp2p/specs ping/ping.md.
using System.Diagnostics;
using System.Security.Cryptography;

namespace IpfsMount.Net.Protocols;

public static class PingProtocol
{
    public const string ProtocolId = "/ipfs/ping/1.0.0";
    public const int PayloadLength = 32;

    /// <summary>Sends one ping on an open stream and returns the round-trip time; throws if the echo differs.</summary>
    public static async Task<TimeSpan> PingOnceAsync(Stream stream, CancellationToken ct)
    {
        var payload = RandomNumberGenerator.GetBytes(PayloadLength);
        var echo = new byte[PayloadLength];
        long start = Stopwatch.GetTimestamp();
        await stream.WriteAsync(payload, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        await stream.ReadExactlyAsync(echo, ct).ConfigureAwait(false);
        var rtt = Stopwatch.GetElapsedTime(start);
        if (!echo.AsSpan().SequenceEqual(payload)) throw new InvalidDataException("ping echo does not match what was sent");
        return rtt;
    }

    /// <summary>Echoes 32-byte payloads until the remote closes the stream.</summary>
    public static async Task ServeAsync(Stream stream, CancellationToken ct)
    {
        var buf = new byte[PayloadLength];
        while (true)
        {
            int got = 0;
            while (got < PayloadLength)
            {
                int n = await stream.ReadAsync(buf.AsMemory(got), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    if (got == 0) return;
                    throw new InvalidDataException($"ping stream closed after {got} of 32 bytes");
                }
                got += n;
            }
            await stream.WriteAsync(buf, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
