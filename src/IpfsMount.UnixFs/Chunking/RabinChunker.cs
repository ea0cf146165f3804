// Kubo's rabin chunker (go-ipfs-chunker rabin.go over whyrusleeping/chunker): a Rabin fingerprint over a 16-byte
// window, polynomial 0x3DF305DFB2A805 (17437180132763653), cut where the low log2(avg) bits are zero, never before
// min or after max. Follows the boundary rules as DAGger's go-ipfs-compatible "GoIPFSv0" preset describes them.
namespace IpfsMount.UnixFs;

/// <summary>
/// Content-defined chunks between min and max bytes. The fingerprint at a position depends only on the 16 bytes
/// before it, so the first (min − 16) bytes of every chunk are skipped and the window is pre-heated instead.
/// </summary>
public sealed class RabinChunker : IChunker
{
    /// <summary>Kubo's polynomial (degree 53).</summary>
    public const ulong Polynomial = 0x3DF305DFB2A805UL;

    public const int WindowSize = 16;

    private const int DegreeShift = 53 - 8;
    private static readonly (ulong[] Out, ulong[] Mod) Tables = BuildTables(Polynomial, WindowSize);

    private readonly Stream _source;
    private readonly int _min;
    private readonly ulong _mask;
    private readonly byte[] _buffer;
    private int _start, _end;
    private bool _eof;

    public RabinChunker(Stream source, int min, int avg, int max)
    {
        if (min <= WindowSize || min >= max || avg < min || avg > max)
            throw new ArgumentException($"rabin sizes must satisfy {WindowSize} < min <= avg <= max and min < max, got {min}-{avg}-{max}");
        _source = source;
        _min = min;
        MaxChunkSize = max;
        _mask = (1UL << (int)Math.Floor(Math.Log2(avg))) - 1;
        _buffer = new byte[2 * max];
    }

    public int MaxChunkSize { get; }

    /// <summary>The sliding-out table (index = byte leaving the window).</summary>
    public static IReadOnlyList<ulong> OutTable => Tables.Out;

    /// <summary>The reduction table (index = the 8 bits above the polynomial's degree).</summary>
    public static IReadOnlyList<ulong> ModTable => Tables.Mod;

    public async ValueTask<int> ReadChunkAsync(Memory<byte> destination, CancellationToken ct)
    {
        await FillAsync(ct).ConfigureAwait(false);
        int available = _end - _start;
        if (available == 0) return 0;
        int length = NextBoundary(_buffer.AsSpan(_start, available));
        _buffer.AsSpan(_start, length).CopyTo(destination.Span);
        _start += length;
        return length;
    }

    /// <summary>Length of the next chunk of <paramref name="data"/>, which holds at least max bytes unless at EOF.</summary>
    private int NextBoundary(ReadOnlySpan<byte> data)
    {
        if (data.Length <= _min) return data.Length;
        int limit = Math.Min(MaxChunkSize, data.Length);
        var outTable = Tables.Out;
        var modTable = Tables.Mod;
        ulong state = 1;
        int i = _min - WindowSize;
        for (int k = 1; k <= WindowSize; k++, i++)
        {
            if (k == WindowSize) state ^= outTable[1];
            state = ((state << 8) | data[i]) ^ modTable[(int)(state >> DegreeShift)];
        }
        while (i < limit && (state & _mask) != 0)
        {
            state ^= outTable[data[i - WindowSize]];
            state = ((state << 8) | data[i]) ^ modTable[(int)(state >> DegreeShift)];
            i++;
        }
        return i;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_eof || _end - _start >= MaxChunkSize) return;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end < _buffer.Length && _end - _start < MaxChunkSize)
        {
            int n = await _source.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (n == 0)
            {
                _eof = true;
                return;
            }
            _end += n;
        }
    }

    private static (ulong[] Out, ulong[] Mod) BuildTables(ulong pol, int window)
    {
        var outTable = new ulong[256];
        var modTable = new ulong[256];
        int degree = Degree(pol);
        for (int b = 0; b < 256; b++)
        {
            ulong h = AppendByte(0, (byte)b, pol);
            for (int i = 0; i < window - 1; i++) h = AppendByte(h, 0, pol);
            outTable[b] = h;
            ulong shifted = (ulong)b << degree;
            modTable[b] = Mod(shifted, pol) | shifted;
        }
        return (outTable, modTable);
    }

    private static int Degree(ulong p) => 63 - System.Numerics.BitOperations.LeadingZeroCount(p);

    private static ulong Mod(ulong x, ulong p)
    {
        int dp = Degree(p);
        while (x != 0 && Degree(x) >= dp) x ^= p << (Degree(x) - dp);
        return x;
    }

    private static ulong AppendByte(ulong hash, byte b, ulong pol) => Mod((hash << 8) | b, pol);
}
