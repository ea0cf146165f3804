// Parses Kubo's `--chunker` strings: `size-N`, `rabin`, `rabin-AVG`, `rabin-MIN-AVG-MAX` (boxo/chunker parse.go).
using System.Globalization;

namespace IpfsMount.UnixFs;

/// <summary>A parsed chunker description that makes an <see cref="IChunker"/> for a stream.</summary>
public sealed record ChunkerSpec
{
    /// <summary>Kubo's default block size, 256 KiB.</summary>
    public const int DefaultSize = 262144;

    /// <summary>Kubo refuses chunks above 2 MiB (boxo/chunker ChunkSizeLimit) because Bitswap cannot move them.</summary>
    public const int MaxChunkSizeLimit = 2 * 1024 * 1024;

    private ChunkerSpec(bool isRabin, int size, int min, int avg, int max)
    {
        IsRabin = isRabin; Size = size; Min = min; Avg = avg; Max = max;
    }

    public bool IsRabin { get; }

    /// <summary>Chunk size of a fixed-size chunker.</summary>
    public int Size { get; }

    public int Min { get; }

    public int Avg { get; }

    public int Max { get; }

    /// <summary>The largest chunk the spec can produce.</summary>
    public int MaxChunkSize => IsRabin ? Max : Size;

    public static ChunkerSpec FixedSize(int size)
    {
        if (size <= 0) throw new ArgumentException($"chunk size must be positive, got {size}");
        if (size > MaxChunkSizeLimit)
            throw new ArgumentException($"chunk size {size} is over the {MaxChunkSizeLimit}-byte limit that Kubo enforces");
        return new ChunkerSpec(false, size, 0, 0, 0);
    }

    /// <summary>Rabin with Kubo's rule: only AVG given → min = avg/3, max = avg + avg/2.</summary>
    public static ChunkerSpec Rabin(int min, int avg, int max)
    {
        if (min < 16) throw new ArgumentException($"rabin min must be at least 16, got {min}");
        if (!(min < avg && avg < max))
            throw new ArgumentException($"rabin sizes must satisfy min < avg < max, got {min}-{avg}-{max}");
        if (max > MaxChunkSizeLimit)
            throw new ArgumentException($"rabin max {max} is over the {MaxChunkSizeLimit}-byte limit that Kubo enforces");
        return new ChunkerSpec(true, 0, min, avg, max);
    }

    /// <exception cref="ArgumentException">The text is not a chunker Kubo would accept.</exception>
    public static ChunkerSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text is "" or "default") return FixedSize(DefaultSize);
        if (text.StartsWith("size-", StringComparison.Ordinal))
            return FixedSize(ParseInt(text[5..], text));
        if (text == "rabin") return RabinFromAvg(DefaultSize);
        if (text.StartsWith("rabin-", StringComparison.Ordinal))
        {
            var parts = text[6..].Split('-');
            if (parts.Length == 1) return RabinFromAvg(ParseInt(parts[0], text));
            if (parts.Length == 3) return Rabin(ParseInt(parts[0], text), ParseInt(parts[1], text), ParseInt(parts[2], text));
            throw new ArgumentException($"chunker '{text}': use rabin, rabin-AVG or rabin-MIN-AVG-MAX");
        }
        throw new ArgumentException($"unknown chunker '{text}': use size-N, rabin, rabin-AVG or rabin-MIN-AVG-MAX");
    }

    /// <summary>Makes a chunker reading <paramref name="source"/>.</summary>
    public IChunker Create(Stream source) =>
        IsRabin ? new RabinChunker(source, Min, Avg, Max) : new FixedSizeChunker(source, Size);

    public override string ToString() => IsRabin ? $"rabin-{Min}-{Avg}-{Max}" : $"size-{Size}";

    private static ChunkerSpec RabinFromAvg(int avg) => Rabin(avg / 3, avg, avg + avg / 2);

    private static int ParseInt(string s, string whole)
    {
        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v))
            throw new ArgumentException($"chunker '{whole}': '{s}' is not a positive integer");
        return v;
    }
}
