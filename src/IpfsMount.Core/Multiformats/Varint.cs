// Unsigned LEB128 varints as used by multiformats (https://github.com/multiformats/unsigned-varint):
// at most 9 bytes (values below 2^63), minimal encoding enforced on read.
namespace IpfsMount.Core;

public static class Varint
{
    /// <summary>Largest encodable value: 9 bytes of 7 bits.</summary>
    public const ulong MaxValue = (1UL << 63) - 1;

    /// <summary>Longest encoding in bytes.</summary>
    public const int MaxLength = 9;

    /// <summary>The LEB128 encoding is protobuf's; only the range differs.</summary>
    public static int Size(ulong v)
    {
        CheckRange(v);
        return ProtoVarint.Size(v);
    }

    public static int Write(Span<byte> dest, ulong v)
    {
        CheckRange(v);
        return ProtoVarint.Write(dest, v);
    }

    public static byte[] Encode(ulong v)
    {
        var result = new byte[Size(v)];
        Write(result, v);
        return result;
    }

    public static ulong Read(ReadOnlySpan<byte> src, out int bytesRead)
    {
        var status = Decode(src, out ulong v, out bytesRead);
        if (status != null) throw new InvalidVarintException(status);
        return v;
    }

    public static bool TryRead(ReadOnlySpan<byte> src, out ulong v, out int bytesRead)
    {
        if (Decode(src, out v, out bytesRead) == null) return true;
        v = 0;
        bytesRead = 0;
        return false;
    }

    /// <summary>Reads one varint from a stream byte by byte; null at a clean end of stream before the first byte.</summary>
    public static async ValueTask<ulong?> ReadAsync(Stream s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        var one = new byte[1];
        ulong v = 0;
        for (int i = 0; i < MaxLength; i++)
        {
            int n = await s.ReadAsync(one.AsMemory(0, 1), ct).ConfigureAwait(false);
            if (n == 0)
            {
                if (i == 0) return null;
                throw new InvalidVarintException("varint is truncated");
            }
            byte b = one[0];
            v |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0) throw new InvalidVarintException("varint is not minimally encoded");
                return v;
            }
        }
        throw new InvalidVarintException($"varint is longer than {MaxLength} bytes");
    }

    // Returns null on success, else the error message.
    private static string? Decode(ReadOnlySpan<byte> src, out ulong v, out int bytesRead)
    {
        v = 0;
        bytesRead = 0;
        int limit = Math.Min(src.Length, MaxLength);
        for (int i = 0; i < limit; i++)
        {
            byte b = src[i];
            v |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    v = 0;
                    return "varint is not minimally encoded";
                }
                bytesRead = i + 1;
                return null;
            }
        }
        v = 0;
        return src.Length >= MaxLength ? $"varint is longer than {MaxLength} bytes" : "varint is truncated";
    }

    private static void CheckRange(ulong v)
    {
        if (v > MaxValue)
            throw new ArgumentOutOfRangeException(nameof(v), v, "a multiformats varint holds at most 63 bits");
    }
}
