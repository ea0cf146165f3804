// Streaming CAR reader (https://ipld.io/specs/transport/car/): CARv1, or CARv2 (pragma + header + inner CARv1,
// any index or none). Yields one verified block at a time, so memory stays bounded by the largest block.
using System.Runtime.CompilerServices;
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public sealed class CarReader : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly CarInput _input;
    private readonly CarReaderOptions _options;
    private readonly long _payloadStart;
    private readonly long _payloadEnd; // long.MaxValue for CARv1 (read to end of stream)
    private bool _done;

    private CarReader(Stream stream, CarInput input, CarReaderOptions options, int version, IReadOnlyList<Cid> roots,
        CarV2Header? v2, long payloadStart, long payloadEnd)
    {
        _stream = stream;
        _input = input;
        _options = options;
        Version = version;
        Roots = roots;
        V2Header = v2;
        _payloadStart = payloadStart;
        _payloadEnd = payloadEnd;
    }

    /// <summary>1 or 2: the container version (a CARv2 still holds a CARv1 payload).</summary>
    public int Version { get; }

    public IReadOnlyList<Cid> Roots { get; }

    /// <summary>The CARv2 header, or null for a CARv1.</summary>
    public CarV2Header? V2Header { get; }

    /// <summary>Offset, relative to the CARv1 payload start (as in CARv2 indexes), of the next section.</summary>
    public long NextSectionOffset => _input.Position - _payloadStart;

    public static async Task<CarReader> OpenAsync(Stream stream, CarReaderOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= CarReaderOptions.Default;
        var input = new CarInput(stream);
        var (version, roots) = await ReadV1HeaderAsync(input, options, ct).ConfigureAwait(false);
        if (version == 1) return new CarReader(stream, input, options, 1, roots, null, 0, long.MaxValue);

        var raw = new byte[CarV2Header.Size];
        await input.ReadExactlyAsync(raw, "CARv2 header", ct).ConfigureAwait(false);
        var v2 = CarV2Header.Read(raw);
        await input.SkipAsync((long)v2.DataOffset - input.Position, "CARv2 padding before the data payload", ct).ConfigureAwait(false);
        long payloadStart = input.Position;
        long payloadEnd = payloadStart + (long)v2.DataSize;
        var (innerVersion, innerRoots) = await ReadV1HeaderAsync(input, options, ct).ConfigureAwait(false);
        if (innerVersion != 1) throw new InvalidCarException($"CARv2 data payload must be a CARv1 (found version {innerVersion})");
        if (input.Position > payloadEnd)
            throw new InvalidCarException($"CARv2 inner header ends at {input.Position}, beyond the data size {v2.DataSize}");
        return new CarReader(stream, input, options, 2, innerRoots, v2, payloadStart, payloadEnd);
    }

    /// <summary>The next block, hash-checked (<see cref="BlockCorruptException"/> on mismatch); null after the last.</summary>
    public async ValueTask<CarBlock?> ReadBlockAsync(CancellationToken ct = default)
    {
        if (_done) return null;
        long start = _input.Position;
        if (start == _payloadEnd)
        {
            _done = true;
            return null;
        }
        ulong? length = await _input.ReadVarintAsync("CAR section length", ct).ConfigureAwait(false);
        if (length == null)
        {
            if (_payloadEnd != long.MaxValue)
                throw new InvalidCarException($"CAR is truncated: CARv2 data payload ends at {start}, expected {_payloadEnd}");
            _done = true;
            return null;
        }
        if (length == 0) throw new InvalidCarException($"CAR section at offset {start} has length 0");
        if (length > (ulong)_options.MaxSectionLength)
            throw new InvalidCarException($"CAR section at offset {start} is {length} bytes, over the limit of {_options.MaxSectionLength}");
        if (_input.Position + (long)length.Value > _payloadEnd)
            throw new InvalidCarException($"CAR section at offset {start} runs past the end of the CARv2 data payload ({_payloadEnd})");

        var section = new byte[(int)length.Value];
        await _input.ReadExactlyAsync(section, $"CAR section at offset {start}", ct).ConfigureAwait(false);
        Cid cid;
        int cidLength;
        try
        {
            cid = Cid.Read(section, out cidLength);
        }
        catch (InvalidCidException e)
        {
            throw new InvalidCarException($"CAR section at offset {start} has an invalid CID: {e.Message}", e);
        }
        var data = section.AsMemory(cidLength);
        Verify(cid, data.Span, start);
        return new CarBlock(cid, data);
    }

    public async IAsyncEnumerable<CarBlock> ReadBlocksAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await ReadBlockAsync(ct).ConfigureAwait(false) is { } block) yield return block;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_options.LeaveOpen) await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private static void Verify(Cid cid, ReadOnlySpan<byte> data, long offset)
    {
        if (!Multihash.CanCompute(cid.Hash.Code))
            throw new InvalidCarException(
                $"CAR block {cid} at offset {offset} uses hash {Multicodec.Name(cid.Hash.Code)}, which cannot be verified");
        BlockVerifier.Verify(cid, data);
    }

    private static async ValueTask<(int Version, IReadOnlyList<Cid> Roots)> ReadV1HeaderAsync(
        CarInput input, CarReaderOptions options, CancellationToken ct)
    {
        long start = input.Position;
        ulong? length = await input.ReadVarintAsync("CAR header length", ct).ConfigureAwait(false);
        if (length == null) throw new InvalidCarException(start == 0 ? "CAR is empty" : $"CAR is truncated: no header at offset {start}");
        if (length == 0 || length > (ulong)options.MaxHeaderLength)
            throw new InvalidCarException($"CAR header length {length} at offset {start} is out of range (1..{options.MaxHeaderLength})");
        var bytes = new byte[(int)length.Value];
        await input.ReadExactlyAsync(bytes, "CAR header", ct).ConfigureAwait(false);
        return CarV1Header.Decode(bytes);
    }
}
