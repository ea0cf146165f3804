// Streaming CAR writer (https://ipld.io/specs/transport/car/): header, then one section per block
// (varint(len) CID bytes, block bytes). CARv2 adds the pragma/header (patched on completion) and an index.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public sealed class CarWriter : IAsyncDisposable
{
    private static readonly int V2Prefix = CarV2Header.Pragma.Length + CarV2Header.Size;

    private readonly Stream _output;
    private readonly CarWriterOptions _options;
    private readonly long _streamStart;
    private readonly List<(Multihash Hash, ulong Offset)>? _index;
    private readonly byte[] _sectionHead = new byte[Varint.MaxLength + 128];
    private long _payloadLength;
    private bool _completed;

    private CarWriter(Stream output, CarWriterOptions options, long streamStart)
    {
        _output = output;
        _options = options;
        _streamStart = streamStart;
        if (options.Version == 2 && options.WriteIndex) _index = new();
    }

    public long BlockCount { get; private set; }

    /// <summary>Bytes of the CARv1 payload written so far (header and sections).</summary>
    public long PayloadLength => _payloadLength;

    public static async Task<CarWriter> CreateAsync(Stream output, IReadOnlyList<Cid> roots, CarWriterOptions? options = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(roots);
        options ??= CarWriterOptions.V1;
        if (options.Version is not (1 or 2)) throw new ArgumentException($"unsupported CAR version {options.Version}", nameof(options));
        if (options.Version == 2 && !output.CanSeek)
            throw new ArgumentException("CARv2 needs a seekable output stream (the header records sizes known only at the end)", nameof(output));
        var writer = new CarWriter(output, options, output.CanSeek ? output.Position : 0);
        if (options.Version == 2)
        {
            await output.WriteAsync(new byte[V2Prefix], ct).ConfigureAwait(false); // patched by CompleteAsync
        }
        var header = CarV1Header.Encode(roots);
        var headerLength = Varint.Encode((ulong)header.Length);
        await output.WriteAsync(headerLength, ct).ConfigureAwait(false);
        await output.WriteAsync(header, ct).ConfigureAwait(false);
        writer._payloadLength = headerLength.Length + header.Length;
        return writer;
    }

    public async ValueTask WriteBlockAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (cid.IsDefault) throw new ArgumentException("a CAR block needs a CID", nameof(cid));
        int cidLength = cid.EncodedLength;
        ulong sectionLength = (ulong)cidLength + (ulong)data.Length;
        byte[] head = cidLength + Varint.MaxLength <= _sectionHead.Length ? _sectionHead : new byte[cidLength + Varint.MaxLength];
        int n = Varint.Write(head, sectionLength);
        n += cid.WriteTo(head.AsSpan(n));
        _index?.Add((cid.Hash, (ulong)_payloadLength));
        await _output.WriteAsync(head.AsMemory(0, n), ct).ConfigureAwait(false);
        await _output.WriteAsync(data, ct).ConfigureAwait(false);
        _payloadLength += n + data.Length;
        BlockCount++;
    }

    /// <summary>Finishes the file: for CARv2 writes the index and the header; flushes the stream.</summary>
    public async ValueTask CompleteAsync(CancellationToken ct = default)
    {
        if (_completed) return;
        _completed = true;
        if (_options.Version == 2)
        {
            ulong indexOffset = 0;
            if (_index != null)
            {
                indexOffset = (ulong)(V2Prefix + _payloadLength);
                await _output.WriteAsync(CarIndex.EncodeMultihashIndexSorted(_index), ct).ConfigureAwait(false);
            }
            long end = _output.Position;
            var prefix = new byte[V2Prefix];
            CarV2Header.Pragma.CopyTo(prefix);
            new CarV2Header(false, (ulong)V2Prefix, (ulong)_payloadLength, indexOffset).WriteTo(prefix.AsSpan(CarV2Header.Pragma.Length));
            _output.Position = _streamStart;
            await _output.WriteAsync(prefix, ct).ConfigureAwait(false);
            _output.Position = end;
        }
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _completed = true;
        if (!_options.LeaveOpen) await _output.DisposeAsync().ConfigureAwait(false);
    }
}
